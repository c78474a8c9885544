package io.bourse.engine.node;

import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.directory.Directory;
import io.bourse.engine.raft.RaftReplica;
import io.bourse.engine.raft.ReplicaListener;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** When this node leads the directory and it is still empty, records the cluster layout in it. */
final class DirectoryBootstrap implements ReplicaListener {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryBootstrap.class);

    private final RaftReplica<Directory> replica;
    private final ClusterLayout layout;

    DirectoryBootstrap(RaftReplica<Directory> replica, ClusterLayout layout) {
        this.replica = replica;
        this.layout = layout;
    }

    @Override
    public void onLeaderStart(long term) {
        // Not on the apply thread: the proposal can only complete once that thread applies it.
        Thread.ofVirtual().name("directory-bootstrap").start(() -> {
            try {
                if (!replica.readLinearizable(d -> d.view().isBootstrapped()).get(10, TimeUnit.SECONDS)) {
                    replica.submit(Directory.bootstrap(layout)).get(10, TimeUnit.SECONDS);
                    LOG.info("directory bootstrapped with {} nodes and {} shards", layout.nodes().size(), layout.shards().size());
                }
            } catch (Exception e) {
                LOG.warn("directory bootstrap did not complete (the next leader will try again): {}", e.toString());
            }
        });
    }
}
