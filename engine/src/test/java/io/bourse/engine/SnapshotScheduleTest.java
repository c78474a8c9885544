package io.bourse.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alipay.sofa.jraft.Status;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.raft.RaftReplica;
import io.bourse.engine.raft.ReplicaOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots as they are scheduled, under trading: a replica stops applying while it serializes its
 * state, so a leader hands its leadership to a follower before it snapshots, and callers, whose
 * results come from the leader's apply, never wait on a snapshot. Nothing acknowledged is lost on
 * the way.
 */
@Timeout(180)
class SnapshotScheduleTest {
    @TempDir
    Path data;
    LocalCluster cluster;
    Traffic traffic;

    @AfterEach
    void stop() {
        if (traffic != null) {
            traffic.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private void startTrading(ReplicaOptions replicaOptions) {
        cluster = new LocalCluster(data, 3, 4, replicaOptions);
        cluster.list(LocalCluster.ACME, 4);
        cluster.awaitReady(1);
        traffic = new Traffic(cluster, LocalCluster.ACME.id(), 2);
        traffic.start(3);
    }

    @Test
    void aLeaderHandsOverBeforeItSnapshotsAndNothingAcknowledgedIsLost() throws Exception {
        startTrading(new ReplicaOptions(600, 3_600, 500)); // the timer out of the way: this test says when
        Thread.sleep(1_000);
        for (ShardLayout shard : cluster.layout.shards()) {
            EngineNode leaderNode = cluster.leaderOf(shard.groupId());
            RaftReplica<?> leader = leaderNode.replica(shard.groupId());
            long acknowledgedBefore = traffic.acknowledged();

            Status status = leader.snapshotAsScheduled().get(30, TimeUnit.SECONDS);

            assertThat(status.isOk()).as("%s: %s", shard.groupId(), status).isTrue();
            assertThat(leader.snapshotsSaved()).as("%s: the old leader saved its snapshot", shard.groupId()).isEqualTo(1);
            assertThat(leader.snapshotsSavedLeading()).as("%s: ... and not while it led", shard.groupId()).isZero();
            await().atMost(Duration.ofSeconds(5)).until(() -> traffic.acknowledged() > acknowledgedBefore + 20);
            EngineNode newLeader = cluster.leaderOf(shard.groupId());
            assertThat(newLeader).as("%s has a leader again", shard.groupId()).isNotNull();
        }
        Thread.sleep(500);
        traffic.close();
        assertThat(traffic.failures).as("no order failed for want of a leader").hasValue(0L);
        Audit.assertEveryAcknowledgedOrderOnce(cluster, traffic, LocalCluster.ACME.id());
    }

    @Test
    void theTimerSnapshotsEveryReplicaAndNoneWhileItLeads() throws Exception {
        startTrading(new ReplicaOptions(600, 2, 500)); // a snapshot every 2 s
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> shardReplicas().stream().allMatch(replica -> replica.snapshotsSaved() >= 2));
        traffic.close();

        for (RaftReplica<?> replica : shardReplicas()) {
            assertThat(replica.snapshotsSavedLeading()).as("%s snapshots saved while leading", replica.groupId()).isZero();
        }
        assertThat(traffic.failures).as("no order failed for want of a leader").hasValue(0L);
        Audit.assertEveryAcknowledgedOrderOnce(cluster, traffic, LocalCluster.ACME.id());
    }

    @Test
    void aLeaderHandsOverToTheNodeThatLeadsTheFewestGroups() throws Exception {
        startTrading(new ReplicaOptions(600, 3_600, 500));
        List<String> nodeIds = List.copyOf(cluster.nodes.keySet());
        String busy = nodeIds.get(0);
        String lessBusy = nodeIds.get(1);
        String idle = nodeIds.get(2);
        // node 0 leads every group but one, which node 1 leads; node 2 leads none.
        List<String> groups = new ArrayList<>(List.of(ClusterLayout.DIRECTORY_GROUP));
        cluster.layout.shards().forEach(shard -> groups.add(shard.groupId()));
        String groupOfLessBusy = ClusterLayout.shardGroupId(2);
        for (String group : groups) {
            moveLeadership(group, group.equals(groupOfLessBusy) ? lessBusy : busy);
        }
        String handedOver = ClusterLayout.shardGroupId(1);

        Status status = cluster.nodes.get(busy).replica(handedOver).snapshotAsScheduled().get(30, TimeUnit.SECONDS);

        assertThat(status.isOk()).as("%s", status).isTrue();
        assertThat(cluster.awaitLeaderOf(handedOver).nodeId()).as("the node leading no group took over").isEqualTo(idle);
    }

    /**
     * Two replicas' timers due around a hand-over: the successor asked for its snapshot as a
     * follower and was elected before it started (seen once in CI, 2026-12-07). Here the replica
     * asked that way already leads: it must not pause applying as the leader.
     */
    @Test
    void aFollowersSnapshotIsNotTakenByAReplicaThatLeadsWhenItStarts() throws Exception {
        startTrading(new ReplicaOptions(600, 3_600, 500));
        Thread.sleep(500);
        String group = ClusterLayout.shardGroupId(4); // ACME's market: it applies every order
        RaftReplica<?> leader = cluster.awaitLeaderOf(group).replica(group);
        RaftReplica<?> follower = cluster.nodes.values().stream().map(node -> node.replica(group)).filter(r -> !r.isLeader())
                .findFirst().orElseThrow();

        Status refused = leader.snapshotAsFollowerNow().get(30, TimeUnit.SECONDS);
        Status taken = follower.snapshotAsFollowerNow().get(30, TimeUnit.SECONDS);

        assertThat(refused.getCode()).as("%s", refused).isEqualTo(com.alipay.sofa.jraft.error.RaftError.EBUSY.getNumber());
        assertThat(leader.snapshotsSaved()).as("the leader saved nothing").isZero();
        assertThat(leader.isLeader()).isTrue();
        assertThat(taken.isOk()).as("%s", taken).isTrue();
        assertThat(follower.snapshotsSaved()).isEqualTo(1);
        assertThat(leader.snapshotNow().get(30, TimeUnit.SECONDS).isOk()).as("a snapshot asked for as leader is taken").isTrue();
        assertThat(leader.snapshotsSavedLeading()).isEqualTo(1);
        traffic.close();
        assertThat(traffic.failures).hasValue(0L);
    }

    @Test
    void aSnapshotThatCannotStartSaysWhyChangesNothingAndTheNextOneIsTaken() throws Exception {
        startTrading(new ReplicaOptions(600, 3_600, 500));
        Thread.sleep(500);
        String group = ClusterLayout.shardGroupId(1);
        RaftReplica<?> leader = cluster.awaitLeaderOf(group).replica(group);
        leader.countLeadershipsWith(endpoint -> {
            throw new IllegalStateException("no count of leaders");
        });

        Status failed = leader.snapshotAsScheduled().get(30, TimeUnit.SECONDS);

        assertThat(failed.isOk()).isFalse();
        assertThat(failed.getErrorMsg()).contains("the snapshot could not go on").contains("no count of leaders");
        assertThat(leader.isLeader()).as("still leads: nothing was handed over").isTrue();
        assertThat(leader.snapshotsSaved()).as("nothing was saved").isZero();

        leader.countLeadershipsWith(endpoint -> 0);
        assertThat(leader.snapshotAsScheduled().get(30, TimeUnit.SECONDS).isOk()).as("the next snapshot is taken").isTrue();
        assertThat(leader.snapshotsSaved()).isEqualTo(1);
        assertThat(leader.snapshotsSavedLeading()).isZero();
        traffic.close();
        assertThat(traffic.failures).hasValue(0L);
        Audit.assertEveryAcknowledgedOrderOnce(cluster, traffic, LocalCluster.ACME.id());
    }

    /** Transfers a group's leadership to a node's replica and waits until every replica there knows. */
    private void moveLeadership(String groupId, String nodeId) {
        EngineNode target = cluster.nodes.get(nodeId);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            EngineNode leader = cluster.awaitLeaderOf(groupId);
            if (leader != target) {
                leader.replica(groupId).node().transferLeadershipTo(target.replica(groupId).node().getNodeId().getPeerId());
                return false;
            }
            String endpoint = target.replica(groupId).leaderEndpoint();
            return cluster.nodes.values().stream().allMatch(node -> endpoint.equals(node.replica(groupId).leaderEndpoint()));
        });
    }

    private List<RaftReplica<?>> shardReplicas() {
        return cluster.nodes.values().stream().flatMap(node -> node.shards().values().stream()).<RaftReplica<?>>map(r -> r).toList();
    }
}
