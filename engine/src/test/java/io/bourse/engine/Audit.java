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

/** Whole-cluster checks: the books balance, clearing is flat, and every replica agrees. */
final class Audit {
    private Audit() {}

    /** Waits until no shard has unacknowledged messages and every live replica has applied what its leader has. */
    static void awaitQuiet(LocalCluster cluster) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            for (ShardLayout shard : cluster.layout.shards()) {
                if (cluster.client.status(shard.shardId()).unacknowledgedMessages() != 0) {
                    return false;
                }
            }
            return replicaHashesAgree(cluster);
        });
    }

    static boolean replicaHashesAgree(LocalCluster cluster) {
        for (ShardLayout shard : cluster.layout.shards()) {
            List<String> hashes = new ArrayList<>();
            for (EngineNode node : cluster.nodes.values()) {
                if (node.shard(shard.shardId()) != null) {
                    hashes.add(node.shard(shard.shardId()).readLocal(state -> state.machine().stateHash()));
                }
            }
            if (hashes.stream().distinct().count() != 1) {
                return false;
            }
        }
        return true;
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
