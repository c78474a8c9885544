package io.bourse.engine.raft;

import com.alipay.sofa.jraft.option.RaftOptions;

/**
 * How fast the survivors of a crashed leader notice and elect another: within the 2 s in which
 * Bourse promises a group serves again, split votes included (checked by {@code CrashRecoveryTest},
 * which kills a node's process outright).
 *
 * <p>A SOFAJRaft follower does not restart its election timer when it hears from the leader: the
 * timer fires every {@code timeout + random(0, maxElectionDelay)} and starts an election if the
 * leader has been silent for {@code timeout} by then. A crash is therefore noticed one to two timer
 * periods after the last heartbeat. When both survivors stand at once (a few per cent of the
 * elections measured), neither wins that term and the next try comes one timeout and spread later.
 * With SOFAJRaft's defaults (1,000 ms, plus up to 1,000 ms) a crash was noticed 1 to 3 s late, and
 * killed leaders' groups served again after 1.1-2.3 s. The default here, 450 ms with a third of it
 * as the spread, notices a crash at most 2 x 450 + 150 ms after the last heartbeat, and a split
 * vote adds at most 600 ms: about 1.75 s in the worst case. (Tried on the way: 600 ms with 200 ms
 * of spread, a group after a split vote took 2.06 s; 500 ms with 250 ms, every one of 48 groups
 * within 1.62 s, but a split vote after a late notice could take 2.1 s.)
 *
 * <p>Heartbeats go five per timeout (90 ms apart; SOFAJRaft's factor of ten would double the
 * heartbeats every group on every node sends), so a leader's pause of up to about 350 ms (a young
 * collection, a slow disk) does not cost an election.
 */
final class ElectionTiming {
    private static final int HEARTBEATS_PER_TIMEOUT = 5;

    private ElectionTiming() {}

    static void apply(int electionTimeoutMs, RaftOptions options) {
        options.setMaxElectionDelayMs(Math.max(1, electionTimeoutMs / 3));
        options.setElectionHeartbeatFactor(HEARTBEATS_PER_TIMEOUT);
    }
}
