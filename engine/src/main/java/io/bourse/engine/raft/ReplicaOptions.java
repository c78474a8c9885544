package io.bourse.engine.raft;

/** Raft settings of a replica. */
public record ReplicaOptions(int electionTimeoutMs, int snapshotIntervalSecs) {
    public static ReplicaOptions defaults() {
        return new ReplicaOptions(1_000, 300);
    }
}
