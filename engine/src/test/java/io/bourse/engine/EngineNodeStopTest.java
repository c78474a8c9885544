package io.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.LocalPorts;
import io.bourse.engine.cluster.NodeAddress;
import io.bourse.engine.raft.ReplicaOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stopped engine node leaves none of the threads it started behind (its process may go on: tests, benchmarks, restarts). */
class EngineNodeStopTest {
    /** Node ids no other test uses, so that the threads named after them are this test's only. */
    private static final String NODE_PREFIX = "stopping-";

    @Test
    void stoppedNodesLeaveNoRaftRequestThreadsBehind(@TempDir Path data) {
        List<NodeAddress> nodes = IntStream.rangeClosed(1, 3)
                .mapToObj(i -> new NodeAddress(NODE_PREFIX + i, "127.0.0.1", LocalPorts.free()))
                .toList();
        ReplicaOptions replicaOptions = new ReplicaOptions(ReplicaOptions.defaults().electionTimeoutMs(), 3_600, 500);
        try (LocalCluster cluster = new LocalCluster(data, ClusterLayout.spread(nodes, 2, 3), replicaOptions)) {
            // Elections and heartbeats have run on the nodes' request threads by the time the cluster is ready.
            assertThat(raftRequestThreads()).isNotEmpty();
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(raftRequestThreads()).isEmpty());
    }

    private static List<String> raftRequestThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("raft-rpc-" + NODE_PREFIX) || name.startsWith("raft-cli-" + NODE_PREFIX))
                .toList();
    }
}
