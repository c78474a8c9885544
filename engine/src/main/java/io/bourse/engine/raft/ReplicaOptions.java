package io.bourse.engine.raft;

/**
 * Raft settings of a replica.
 *
 * @param electionTimeoutMs how long followers wait without hearing from a leader before electing another
 * @param snapshotIntervalSecs how often each replica takes a snapshot (so the log can be truncated);
 *                             see {@link SnapshotSchedule}; zero or less: never on its own
 * @param connectTimeoutMs how long a connection attempt to a peer may take
 */
public record ReplicaOptions(int electionTimeoutMs, int snapshotIntervalSecs, int connectTimeoutMs) {
    /** A 350 ms election timeout: see {@link ElectionTiming} for why, and what it gives. */
    public static ReplicaOptions defaults() {
        return new ReplicaOptions(350, 300, 500);
    }
}
