package io.bourse.engine.node;

import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.PeerId;
import io.bourse.engine.raft.RaftReplica;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads the leaderships of a node's groups over the nodes. A group's leader does its group's
 * work for callers (proposing, applying with results, answering reads, relaying messages to other
 * shards, sending every follower its entries), so a node that leads every group is the cluster's
 * ceiling however many nodes there are. Elections do not spread leaders: whichever replica stands
 * first wins, and after a cluster starts, or after a crash and a restart, one node often leads all
 * of them (seen in {@code CrashRecoveryTest}: one node of three leading all five groups).
 *
 * <p>Every few seconds a node that leads at least two groups more than one of its followers hands
 * one group to that follower (Raft's leadership transfer: writes pause for tens of milliseconds and
 * are retried by callers). Two more, not one more, so that every move narrows the gap and the
 * leaders settle instead of moving back and forth; one move per round, so that the next round sees
 * its effect. The counts are as this node's own replicas know their leaders.
 */
final class LeaderBalancer {
    private static final Logger LOG = LoggerFactory.getLogger(LeaderBalancer.class);
    static final long EVERY_MILLIS = 5_000;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bourse-leader-balancer").factory());

    private final String nodeId;
    private final String selfEndpoint;
    private final Collection<RaftReplica<?>> replicas;
    private final ToIntFunction<String> groupsLedBy;
    private ScheduledFuture<?> rounds;

    LeaderBalancer(String nodeId, String selfEndpoint, Collection<RaftReplica<?>> replicas, ToIntFunction<String> groupsLedBy) {
        this.nodeId = nodeId;
        this.selfEndpoint = selfEndpoint;
        this.replicas = replicas;
        this.groupsLedBy = groupsLedBy;
    }

    /** Starts the rounds, the first one to two rounds from now (nodes started together do not all look at once). */
    void start() {
        long first = EVERY_MILLIS + ThreadLocalRandom.current().nextLong(EVERY_MILLIS);
        rounds = TIMER.scheduleWithFixedDelay(this::roundSafely, first, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (rounds != null) {
            rounds.cancel(false);
        }
    }

    private void roundSafely() {
        try {
            balanceOnce();
        } catch (RuntimeException e) {
            LOG.warn("{}: leader balancing failed this round: {}", nodeId, e.toString());
        }
    }

    /** One round: hands one group to a follower at least two groups less busy; returns that group's id, or null. */
    String balanceOnce() {
        int mine = groupsLedBy.applyAsInt(selfEndpoint);
        List<RaftReplica<?>> leading = new ArrayList<>(replicas.stream().filter(RaftReplica::isLeader).toList());
        Collections.shuffle(leading);
        for (RaftReplica<?> replica : leading) {
            PeerId follower = replica.leastBusyFollower();
            if (follower == null) {
                continue;
            }
            int theirs = groupsLedBy.applyAsInt(follower.getEndpoint().toString());
            if (mine - theirs < 2) {
                continue;
            }
            Status transfer = replica.transferLeadershipTo(follower);
            if (transfer.isOk()) {
                LOG.info("{}: handing {} to {} to spread the leaders (this node leads {} groups, that one {})", nodeId,
                        replica.groupId(), follower.getEndpoint(), mine, theirs);
                return replica.groupId();
            }
        }
        return null;
    }
}
