package io.bourse.engine.raft;

import com.alipay.sofa.jraft.option.RaftOptions;

/**
 * How fast the survivors of a crashed leader notice and elect another: well within the 2 s in which
 * Bourse promises a group serves again (checked by {@code CrashRecoveryTest}, which kills a node's
 * process outright).
 *
 * <p>A SOFAJRaft follower does not restart its election timer when it hears from the leader: the
 * timer fires every {@code timeout + random(0, maxElectionDelay)} and starts an election if the
 * leader has been silent for {@code timeout} by then. A crash is therefore noticed one to two timer
 * periods after the last heartbeat. With SOFAJRaft's defaults (1,000 ms, plus up to 1,000 ms) that
 * is 1 to 3 s, and killed leaders' groups served again after 1.1-2.3 s. With the 500 ms default
 * timeout and half of it as the random spread, a crash is noticed at most 2 x 500 + 250 ms after
 * the last heartbeat. The spread keeps the two survivors' timers apart; when they still collide, a
 * split vote costs one more period. (A 600 ms timeout with a 200 ms spread was tried first: one
 * split vote in twelve failovers, and that group took 2.06 s.)
 *
 * <p>Heartbeats stay 100 ms apart at the default timeout (five per timeout; SOFAJRaft's factor of
 * ten would double the heartbeats every group on every node sends), so a leader's pauses up to
 * about 400 ms (a collection, a stalled disk) do not cost an election.
 */
final class ElectionTiming {
    static final int HEARTBEATS_PER_TIMEOUT = 5;

    private ElectionTiming() {}

    static void apply(int electionTimeoutMs, RaftOptions options) {
        options.setMaxElectionDelayMs(Math.max(1, electionTimeoutMs / 2));
        options.setElectionHeartbeatFactor(HEARTBEATS_PER_TIMEOUT);
    }
}
