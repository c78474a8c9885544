package io.bourse.engine.raft;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.error.RaftError;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a replica snapshots, and who leads its group when it does.
 *
 * <p>A replica applies nothing while it serializes its state (0.6-1.5 s for a 200 MB shard, see
 * {@code SnapshotBenchmark}), and callers' results come from the leader's apply: with SOFAJRaft's
 * own snapshot timer, every leader stopped answering for that long once per interval. A follower's
 * pause costs nobody a wait: it goes on appending and acknowledging entries (the log writer's work,
 * not the apply thread's), so the group still commits, and it catches up with applying afterwards.
 * So Bourse keeps the timer itself. When a follower's snapshot is due, it takes it. When a leader's
 * is due, the leader first hands its leadership to a live follower (Raft's leadership transfer: the
 * follower is brought up to date and told to stand at once; writes meanwhile are refused as busy and
 * retried by callers, for tens of milliseconds) and takes the snapshot once it follows. When no
 * follower can take over (a group of one, every follower down), or when the transfer has not
 * happened within twice the election timeout, it snapshots as leader. A follower elected between
 * asking for its snapshot and starting it does not take it (its next one hands over first). A
 * leader that has applied no command since its last snapshot takes none.
 *
 * <p>Every replica's schedule runs on one timer thread of the process (each step only asks
 * SOFAJRaft to do something and returns), so a schedule's own fields need no lock.
 */
final class SnapshotSchedule {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSchedule.class);
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("bourse-snapshot-timer").factory());
    private static final long HAND_OVER_POLL_MILLIS = 5;

    private final RaftReplica<?> replica;
    private final long intervalMillis;
    private final long handOverTimeoutNanos;
    private ScheduledFuture<?> next;
    private boolean busy;
    private volatile boolean stopped;

    SnapshotSchedule(RaftReplica<?> replica, long intervalMillis, long electionTimeoutMillis) {
        this.replica = replica;
        this.intervalMillis = intervalMillis;
        this.handOverTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(2 * electionTimeoutMillis);
    }

    /**
     * Starts the timer: the first snapshot at a random point of the interval's second half (so the
     * replicas of a node, started together, do not all snapshot at once), then one every interval.
     * An interval of zero or less takes none.
     */
    void start() {
        if (intervalMillis > 0) {
            long firstDelay = intervalMillis / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, intervalMillis / 2));
            TIMER.execute(() -> scheduleNext(firstDelay));
        }
    }

    void stop() {
        stopped = true;
        TIMER.execute(() -> {
            if (next != null) {
                next.cancel(false);
            }
        });
    }

    /**
     * Takes a snapshot now the way the timer does (a leader hands over first); completes when it is
     * saved (at once for a leader with nothing new to save), or with why it was not.
     */
    CompletableFuture<Status> snapshotNow() {
        CompletableFuture<Status> done = new CompletableFuture<>();
        TIMER.execute(() -> begin(done));
        return done;
    }

    private void scheduleNext(long delayMillis) {
        if (!stopped) {
            next = TIMER.schedule(this::due, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void due() {
        scheduleNext(intervalMillis);
        CompletableFuture<Status> done = new CompletableFuture<>();
        done.thenAccept(status -> {
            if (!status.isOk()) {
                LOG.warn("{}: the scheduled snapshot was not taken: {}", replica.groupId(), status);
            }
        });
        begin(done);
    }

    /**
     * Runs one step of a snapshot on the timer thread. A step that throws (SOFAJRaft refusing a
     * call, a node count failing) ends that snapshot with an error that says why, and the next one
     * may start: an exception left to the executor would vanish, and with it every later snapshot.
     */
    private void step(CompletableFuture<Status> done, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("{}: the snapshot could not go on", replica.groupId(), e);
            busy = false;
            done.complete(new Status(RaftError.EINTERNAL, "the snapshot could not go on: %s", e));
        }
    }

    private void begin(CompletableFuture<Status> done) {
        step(done, () -> startSnapshot(done));
    }

    private void startSnapshot(CompletableFuture<Status> done) {
        Node node = replica.node();
        if (stopped || node == null) {
            done.complete(new Status(RaftError.ESHUTDOWN, "%s is not running", replica.groupId()));
            return;
        }
        if (busy) {
            done.complete(new Status(RaftError.EBUSY, "%s is already taking a snapshot", replica.groupId()));
            return;
        }
        if (replica.isLeader() && !replica.hasAppliedSinceSnapshot()) {
            // Nothing to save but Raft's own entries (a new term's, a configuration's): not worth a
            // pause, nor a move of the leadership.
            done.complete(Status.OK());
            return;
        }
        busy = true;
        if (!replica.isLeader()) {
            take(done, true);
            return;
        }
        PeerId successor = successor(node);
        if (successor != null) {
            Status transfer = node.transferLeadershipTo(successor);
            if (transfer.isOk()) {
                LOG.info("{}: handing leadership to {} before snapshotting", replica.groupId(), successor);
                awaitHandOver(node, done, System.nanoTime() + handOverTimeoutNanos);
                return;
            }
            LOG.info("{}: could not hand leadership to {} ({}); snapshotting as leader", replica.groupId(), successor, transfer);
        }
        take(done, false); // a leader no follower can take over from
    }

    private void awaitHandOver(Node node, CompletableFuture<Status> done, long deadline) {
        if (!replica.isLeader()) {
            take(done, true);
        } else if (System.nanoTime() - deadline >= 0) {
            LOG.warn("{}: leadership not handed over within {} ms; snapshotting as leader", replica.groupId(),
                    TimeUnit.NANOSECONDS.toMillis(handOverTimeoutNanos));
            take(done, false);
        } else {
            TIMER.schedule(() -> step(done, () -> awaitHandOver(node, done, deadline)), HAND_OVER_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Asks for the snapshot; {@code onlyAsFollower}: not taken if this replica is elected before it starts (see {@link RaftReplica#snapshot}). */
    private void take(CompletableFuture<Status> done, boolean onlyAsFollower) {
        replica.snapshot(onlyAsFollower, status -> TIMER.execute(() -> {
            busy = false;
            done.complete(status);
        }));
    }

    /**
     * Of the followers the leader has heard from lately, one on a node that leads the fewest groups
     * (as this node knows them), chosen at random among equals: handing over then also evens out
     * where the leaders are. Null when there is none (or this replica no longer leads).
     */
    private PeerId successor(Node node) {
        List<PeerId> alive;
        try {
            alive = node.listAlivePeers();
        } catch (IllegalStateException notLeader) {
            return null;
        }
        PeerId self = node.getNodeId().getPeerId();
        List<PeerId> followers = alive.stream().filter(peer -> !peer.equals(self)).toList();
        if (followers.isEmpty()) {
            return null;
        }
        Map<PeerId, Integer> led = new HashMap<>();
        followers.forEach(peer -> led.put(peer, replica.groupsLedBy(peer.getEndpoint().toString())));
        int fewest = Collections.min(led.values());
        List<PeerId> leastLoaded = followers.stream().filter(peer -> led.get(peer) == fewest).toList();
        return leastLoaded.get(ThreadLocalRandom.current().nextInt(leastLoaded.size()));
    }
}
