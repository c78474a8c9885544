package io.bourse.engine;

import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.engine.raft.ReplicaOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One engine node in a JVM of its own, for the tests that kill a node's process outright
 * ({@link ProcessCluster}). It builds the same layout as its parent from the same ports, runs
 * with the production Raft settings, and stops cleanly on SIGTERM; SIGKILL is the crash.
 *
 * <p>Arguments: {@code nodeId dataDirectory shardCount port,port,...}
 */
public final class EngineNodeProcess {
    static final String READY = "ENGINE NODE READY";

    private EngineNodeProcess() {}

    public static void main(String[] args) throws InterruptedException {
        String nodeId = args[0];
        Path dataDirectory = Path.of(args[1]);
        int shardCount = Integer.parseInt(args[2]);
        List<Integer> ports = Arrays.stream(args[3].split(",")).map(Integer::valueOf).toList();
        ClusterLayout layout = ClusterLayout.local("127.0.0.1", ports, shardCount, 3);
        EngineNode node = EngineNode.start(EngineNodeConfig.of(nodeId, layout, dataDirectory).withReplica(ReplicaOptions.defaults()));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            stopped.countDown();
        }));
        System.out.println(READY);
        stopped.await();
    }
}
