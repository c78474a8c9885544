package io.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.sofa.jraft.entity.PeerId;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.raft.RaftReplica;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Leaders gathered on one node spread out over the others, and then stay where they are. */
@Timeout(120)
class LeaderBalanceTest {
    @TempDir
    Path data;
    LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void leadersGatheredOnOneNodeSpreadOverTheNodesAndSettle() throws Exception {
        cluster = LocalCluster.withAcme(data);
        EngineNode first = cluster.nodes.get("node-1");
        PeerId firstPeer = PeerId.parsePeer(cluster.layout.node("node-1").endpoint());
        // As after a start where one node won every election: hand it every group.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (EngineNode node : cluster.nodes.values()) {
                for (RaftReplica<?> replica : node.replicas().values()) {
                    if (replica.isLeader() && node != first) {
                        replica.transferLeadershipTo(firstPeer);
                    }
                }
            }
            return leadersPerNode().get("node-1") == groupCount();
        });

        await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200))
                .until(() -> spread(leadersPerNode()) <= 1);
        Map<String, String> settled = leaderOfEachGroup();
        System.out.println("LEADERS spread out: " + leadersPerNode() + " " + settled);
        assertThat(leadersPerNode().values()).allSatisfy(led -> assertThat(led).isBetween(1, 2));

        Thread.sleep(11_000); // two more rounds of every node's balancer
        assertThat(leaderOfEachGroup()).as("leaders stay put once spread").isEqualTo(settled);
    }

    private int groupCount() {
        return cluster.layout.shards().size() + 1;
    }

    private Map<String, Integer> leadersPerNode() {
        Map<String, Integer> led = new TreeMap<>();
        cluster.nodes.keySet().forEach(node -> led.put(node, 0));
        leaderOfEachGroup().values().forEach(node -> led.merge(node, 1, Integer::sum));
        return led;
    }

    private Map<String, String> leaderOfEachGroup() {
        Map<String, String> leaders = new TreeMap<>();
        cluster.nodes.forEach((id, node) -> node.replicas().forEach((group, replica) -> {
            if (replica.isLeader()) {
                leaders.put(group, id);
            }
        }));
        return leaders;
    }

    private static int spread(Map<String, Integer> led) {
        var stats = led.values().stream().collect(Collectors.summarizingInt(Integer::intValue));
        return stats.getMax() - stats.getMin();
    }
}
