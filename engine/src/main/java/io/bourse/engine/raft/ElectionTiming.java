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
 * periods after the last heartbeat: here at most 2 x 350 + 350 ms. (With SOFAJRaft's defaults,
 * 1,000 ms plus up to 1,000 ms, a crash was noticed 1 to 3 s late.)
 *
 * <p>The spread is as long as the timeout because of what a split vote does. When both survivors
 * stand at once, neither wins; each waits {@code timeout + random(0, maxElectionDelay)} and stands
 * again, and the pre-vote round that began their first try had started both waits within about
 * 20 ms of each other. So whether they split again is decided by the two random draws alone: if those
 * land closer together than a pre-vote and a vote take to cross (60-100 ms on a loaded 2-core
 * machine, logged), they do. With the spread a third of a 450 ms timeout (150 ms, the setting
 * before), a second split was the likelier outcome of a first: a killed leader's group that took
 * 2.04 s to serve again had had two splits in a row, the candidates' timers 25 ms and then 7 ms
 * apart. A 350 ms spread makes a second split about half as likely (for a 60-100 ms crossing, 31-49 %
 * instead of 64-89 %), and the shorter timeout keeps the latest notice of a crash where it was
 * (1,050 ms).
 *
 * <p>Heartbeats go five per timeout (70 ms apart; SOFAJRaft's factor of ten would double the
 * heartbeats every group on every node sends), so a leader's pause of up to about 280 ms (a young
 * collection, a slow disk) does not cost an election.
 */
final class ElectionTiming {
    private static final int HEARTBEATS_PER_TIMEOUT = 5;

    private ElectionTiming() {}

    static void apply(int electionTimeoutMs, RaftOptions options) {
        options.setMaxElectionDelayMs(electionTimeoutMs);
        options.setElectionHeartbeatFactor(HEARTBEATS_PER_TIMEOUT);
    }
}
