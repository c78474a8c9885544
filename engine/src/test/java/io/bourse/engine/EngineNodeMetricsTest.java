package io.bourse.engine;

import static io.bourse.core.ledger.Ledger.CASH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.core.shard.Command;
import io.bourse.core.shard.Outcome;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.node.EngineNodeMetrics;
import io.bourse.engine.node.ProposedEntries;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meters an engine node registers, read from a running three-node cluster. */
class EngineNodeMetricsTest extends SharedAcmeCluster {
    private final Map<String, MeterRegistry> registries = new LinkedHashMap<>();

    @BeforeEach
    void bindEveryNode() {
        cluster.nodes.forEach((nodeId, node) -> {
            MeterRegistry registry = new SimpleMeterRegistry();
            EngineNodeMetrics.bind(node, registry);
            registries.put(nodeId, registry);
        });
    }

    private double gaugesOverNodes(String meter, String group) {
        return registries.values().stream().mapToDouble(registry -> registry.get(meter).tag("group", group).gauge().value()).sum();
    }

    private double countersOverNodes(String meter, String group) {
        return registries.values().stream()
                .mapToDouble(registry -> registry.get(meter).tag("group", group).functionCounter().count()).sum();
    }

    @Test
    void everyGroupHasOneLeaderAmongTheNodesAndEachNodeTagsItsOwnReplicas() {
        List<String> groups = List.of(ClusterLayout.DIRECTORY_GROUP, "shard-1", "shard-2", "shard-3", "shard-4");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String group : groups) {
                assertThat(gaugesOverNodes("bourse.raft.leader", group)).as(group).isEqualTo(1.0);
            }
        });
        registries.forEach((nodeId, registry) -> assertThat(registry.get("bourse.raft.leader").gauges())
                .as("one per replica on " + nodeId).hasSize(cluster.nodes.get(nodeId).replicas().size())
                .allSatisfy(gauge -> assertThat(gauge.getId().getTag("node")).isEqualTo(nodeId)));
    }

    @Test
    void proposedCommandsAndEntriesCountWhatTheLeaderBatched() {
        long account = accountOnShard(3, 70_000);
        double commandsBefore = countersOverNodes("bourse.raft.commands.proposed", "shard-3");
        double entriesBefore = countersOverNodes("bourse.raft.entries.proposed", "shard-3");
        ProposedEntries proposedBefore = ProposedEntries.of(cluster.nodes.values());

        for (int i = 0; i < 20; i++) {
            assertThat(cluster.client.submit(new Command.Deposit(account, 7_000 + i, CASH, 100)).outcome())
                    .isEqualTo(Outcome.ACCEPTED);
        }

        double commands = countersOverNodes("bourse.raft.commands.proposed", "shard-3") - commandsBefore;
        double entries = countersOverNodes("bourse.raft.entries.proposed", "shard-3") - entriesBefore;
        assertThat(commands).as("every deposit was proposed by a leader").isGreaterThanOrEqualTo(20);
        assertThat(entries).isBetween(1.0, commands);
        assertThat(countersOverNodes("bourse.raft.commands.overloaded", "shard-3")).isZero();
        // Each deposit waited for its answer, so its entry took some time to commit. Sent one at a
        // time, a deposit found no entry in flight and was proposed at once: its wait may round to
        // nothing, so here only its meter is checked to be there on every replica (CommandBatcherTest
        // checks that a wait is summed).
        assertThat(countersOverNodes("bourse.raft.entries.commit.seconds", "shard-3")).isPositive();
        registries.forEach((nodeId, registry) -> assertThat(registry.get("bourse.raft.commands.wait.seconds")
                .functionCounters()).as(nodeId).hasSize(cluster.nodes.get(nodeId).replicas().size()));
        ProposedEntries proposed = ProposedEntries.of(cluster.nodes.values()).since(proposedBefore);
        assertThat(proposed.commands()).as("the same counts, over every group").isGreaterThanOrEqualTo(20);
        assertThat(proposed.commandsPerEntry()).isBetween(1.0, (double) proposed.commands());
    }

    @Test
    void everyReplicaReportsTheIndexItApplied() {
        long account = accountOnShard(2, 80_000);
        assertThat(cluster.client.submit(new Command.Deposit(account, 8_000, CASH, 100)).outcome()).isEqualTo(Outcome.ACCEPTED);
        String leader = cluster.awaitLeaderOf("shard-2").nodeId();
        double appliedByLeader = registries.get(leader).get("bourse.raft.applied.index").tag("group", "shard-2").gauge().value();
        assertThat(appliedByLeader).isPositive();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> registries.forEach((nodeId, registry) ->
                assertThat(registry.get("bourse.raft.applied.index").tag("group", "shard-2").gauge().value())
                        .as("%s has applied the deposit's entry", nodeId).isGreaterThanOrEqualTo(appliedByLeader)));
    }

    @Test
    void theProcessReportsHowFarEntryPacingIsOn() {
        registries.values().forEach(registry -> assertThat(registry.get("bourse.engine.entry.pacing").gauge().value())
                .isBetween(0.0, 1.0));
    }
}
