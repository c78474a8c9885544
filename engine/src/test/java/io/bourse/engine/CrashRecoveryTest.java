package io.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.shard.Outcome;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.raft.ReplicaOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's process killed outright (SIGKILL) mid-traffic, with the production Raft settings. Unlike
 * {@link FailoverTest}, whose nodes stop cleanly in this JVM (and so hand their leaderships over
 * at once), nothing warns the others: they must notice the silence and elect, and whatever was in
 * flight to the dead node is cut off. Then the process starts again on what it left on disk, and
 * the whole cluster is opened in this JVM on the same directories for the audit.
 */
@Timeout(240)
class CrashRecoveryTest {
    @TempDir
    Path data;
    ProcessCluster processes;
    LocalCluster reopened;
    Traffic traffic;

    @AfterEach
    void stop() {
        if (traffic != null) {
            traffic.close();
        }
        if (processes != null) {
            processes.close();
        }
        if (reopened != null) {
            reopened.close();
        }
    }

    @Test
    void killingTheProcessLeadingAnAccountShardLosesNothing() throws Exception {
        crashTheLeaderOf(ClusterLayout.shardGroupId(FailoverTest.ACCOUNT_SHARD));
    }

    @Test
    void killingTheProcessLeadingTheMarketShardLosesNothing() throws Exception {
        crashTheLeaderOf(ClusterLayout.shardGroupId(FailoverTest.MARKET_SHARD));
    }

    @Test
    void killingTheProcessLeadingTheDirectoryLosesNothing() throws Exception {
        crashTheLeaderOf(ClusterLayout.DIRECTORY_GROUP);
    }

    /**
     * Kills the process of the node leading {@code target} mid-traffic: every group it led (the
     * target and whatever else) serves again within 2 s, and orders keep flowing. Then the node
     * starts again, and the audit runs on what every process left on disk.
     */
    private void crashTheLeaderOf(String target) throws Exception {
        processes = new ProcessCluster(data, 3, 4);
        assertThat(processes.client.listInstrument(LocalCluster.ACME, FailoverTest.MARKET_SHARD).outcome()).isEqualTo(Outcome.ACCEPTED);
        ClusterReadiness.awaitReady(processes.client, processes.layout, 1);
        traffic = new Traffic(processes.client, processes.layout, LocalCluster.ACME.id(), 2);
        traffic.start(4);
        Thread.sleep(1_500);

        Map<String, String> leaders = leaderOfEachGroup();
        String victim = leaders.get(target);
        List<String> led = leaders.keySet().stream().filter(group -> leaders.get(group).equals(victim)).toList();
        long ackedBefore = traffic.acknowledged();
        long killedAt = System.nanoTime();
        processes.kill(victim);
        Map<String, Duration> recovery = timesUntilServing(led, killedAt);
        System.out.printf("CRASH %s (leader of %s; leading %s) killed; served again after %s%n", victim, target, led, recovery);
        recovery.forEach((group, time) -> assertThat(time).as("%s serves again after its leader's process died", group)
                .isLessThan(Serving.PROMISED_WITHIN));
        Thread.sleep(1_500);
        traffic.close();
        assertThat(traffic.acknowledged()).as("orders kept flowing").isGreaterThan(ackedBefore);

        processes.start(victim);
        ClusterReadiness.awaitReady(processes.client, processes.layout, 1);
        ClusterLayout layout = processes.layout;
        processes.close();
        processes = null;
        // Every node recovers here from what its process left on disk, the killed one's included.
        reopened = new LocalCluster(data, layout, ReplicaOptions.defaults());
        Audit.assertEveryAcknowledgedOrderOnce(reopened, traffic, LocalCluster.ACME.id());
    }

    /** The node leading each group, as each group's leader says (a linearizable read goes through it). */
    private Map<String, String> leaderOfEachGroup() {
        List<String> groups = new ArrayList<>(List.of(ClusterLayout.DIRECTORY_GROUP));
        processes.layout.shards().forEach(shard -> groups.add(shard.groupId()));
        Map<String, String> leaders = new LinkedHashMap<>();
        for (String group : groups) {
            Serving.read(processes.client, processes.layout, group);
            leaders.put(group, processes.nodeAt(processes.client.leaderOf(group)));
        }
        return leaders;
    }

    /** For each group, in parallel: from the kill until it first commits through its new leader. */
    private Map<String, Duration> timesUntilServing(List<String> groups, long killedAt) {
        Map<String, CompletableFuture<Duration>> answers = new LinkedHashMap<>();
        AtomicLong transferId = new AtomicLong(System.nanoTime());
        for (String group : groups) {
            answers.put(group, CompletableFuture.supplyAsync(() -> {
                Serving.commit(processes.client, processes.layout, traffic.accounts, group, transferId.incrementAndGet());
                return Duration.ofNanos(System.nanoTime() - killedAt);
            }, Thread::startVirtualThread));
        }
        Map<String, Duration> times = new LinkedHashMap<>();
        answers.forEach((group, answer) -> times.put(group, answer.join()));
        return times;
    }
}
