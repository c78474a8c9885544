package io.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.core.ledger.Ledger;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.Outcome;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.node.EngineNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** Whole-cluster checks: the books balance, clearing is flat, and every replica agrees. */
final class Audit {
    private Audit() {}

    /**
     * Waits until no shard has unacknowledged messages and every live replica has applied what its
     * leader has; if that does not come, fails saying what it last saw (which shard, which count or
     * which replicas' hashes, or the error that read met), so that a rare failure can be told apart.
     */
    static void awaitQuiet(LocalCluster cluster) {
        AtomicReference<String> lastSeen = new AtomicReference<>("nothing yet");
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    String notQuiet = notQuiet(cluster);
                    lastSeen.set(notQuiet);
                    return notQuiet == null;
                } catch (RuntimeException e) {
                    lastSeen.set(e.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the cluster did not become quiet within 30 s; last seen: " + lastSeen.get(), e);
        }
    }

    /** What keeps the cluster from being quiet, or null when nothing does. */
    private static String notQuiet(LocalCluster cluster) {
        for (ShardLayout shard : cluster.layout.shards()) {
            long unacknowledged = cluster.client.status(shard.shardId()).unacknowledgedMessages();
            if (unacknowledged != 0) {
                return "shard " + shard.shardId() + " has " + unacknowledged + " unacknowledged messages";
            }
        }
        Map<String, String> disagreeing = firstDisagreeingHashes(cluster);
        return disagreeing == null ? null : "replicas disagree: " + disagreeing;
    }

    /** The replicas' state hashes (by node) of the first shard whose replicas disagree, or null when all agree. */
    private static Map<String, String> firstDisagreeingHashes(LocalCluster cluster) {
        for (ShardLayout shard : cluster.layout.shards()) {
            Map<String, String> hashes = new TreeMap<>();
            cluster.nodes.forEach((id, node) -> {
                if (node.shard(shard.shardId()) != null) {
                    hashes.put(id + "/shard-" + shard.shardId(), node.shard(shard.shardId()).readLocal(state -> state.machine().stateHash()));
                }
            });
            if (hashes.values().stream().distinct().count() != 1) {
                return hashes;
            }
        }
        return null;
    }

    /** Leader state hash of each shard. */
    static Map<Integer, String> leaderHashes(LocalCluster cluster) {
        Map<Integer, String> hashes = new TreeMap<>();
        for (ShardLayout shard : cluster.layout.shards()) {
            EngineNode leader = cluster.awaitLeaderOf(shard.groupId());
            hashes.put(shard.shardId(), leader.shard(shard.shardId()).readLocal(state -> state.machine().stateHash()));
        }
        return hashes;
    }

    /** Per asset: every ledger sums to zero, clearing is flat across shards, and every invariant holds. */
    static void assertBooksBalance(LocalCluster cluster, int... instrumentIds) {
        List<Integer> assets = new ArrayList<>(List.of(Ledger.CASH));
        for (int id : instrumentIds) {
            assets.add(id);
        }
        for (int asset : assets) {
            long clearing = 0;
            for (ShardLayout shard : cluster.layout.shards()) {
                EngineNode leader = cluster.awaitLeaderOf(shard.groupId());
                long[] sums = leader.shard(shard.shardId()).readLocal(state -> {
                    ShardStateMachine machine = state.machine();
                    machine.checkInvariants();
                    return new long[] {machine.ledger().sumOfBalances(asset), machine.balance(Ledger.CLEARING, asset)};
                });
                assertThat(sums[0]).as("shard %d ledger sum of asset %d", shard.shardId(), asset).isZero();
                clearing += sums[1];
            }
            assertThat(clearing).as("clearing across shards, asset %d", asset).isZero();
        }
    }

    /**
     * After trading stopped: the books balance, and every order the traffic was told was accepted is
     * remembered, exactly once (placing it again is a duplicate of the same order); an order whose
     * answer was lost is there or is placed now, once.
     */
    static void assertEveryAcknowledgedOrderOnce(LocalCluster cluster, Traffic traffic, int instrumentId) {
        cluster.awaitReady(1);
        awaitQuiet(cluster);
        assertBooksBalance(cluster, instrumentId);
        long checked = 0;
        for (Traffic.Attempt attempt : traffic.attempts) {
            CommandResult again = cluster.client.submit(attempt.order());
            if (attempt.result() != null && attempt.result().outcome() == Outcome.ACCEPTED) {
                assertThat(again.outcome()).as("acknowledged order %s is remembered", attempt.order().clientOrderId())
                        .isEqualTo(Outcome.DUPLICATE);
                assertThat(again.id()).isEqualTo(attempt.result().id());
                checked++;
            } else if (attempt.result() == null) {
                assertThat(again.outcome()).isIn(Outcome.ACCEPTED, Outcome.DUPLICATE);
            }
        }
        assertThat(checked).as("acknowledged orders checked").isGreaterThan(0);
        awaitQuiet(cluster);
        assertBooksBalance(cluster, instrumentId);
    }
}
