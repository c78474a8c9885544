package io.bourse.engine.raft;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;

/**
 * A deterministic state machine that a {@link RaftReplica} drives from its log. Called by one
 * thread at a time. {@link #apply} must not throw for bad input: a rejection is a result. A thrown
 * exception means a broken invariant, and stops the replica.
 */
public interface ReplicatedState {

    /**
     * Applies one encoded command at the leader-stamped log time; returns the encoded result, or may
     * return null when {@code resultWanted} is false. {@code command} reads exactly the command's
     * bytes (a view into its log entry, not a copy). Only the leader that proposed the entry has
     * callers waiting for its results: the other replicas apply the same commands and would encode
     * every result only to drop it.
     */
    byte[] apply(long logTimeMillis, BinaryReader command, boolean resultWanted);

    /** The whole state, in a versioned binary format. */
    byte[] snapshot();

    /**
     * Writes the same bytes as {@link #snapshot()} to {@code out}, which may be a streaming writer
     * (the caller flushes it). A large state should override this to write without first holding
     * its whole snapshot in one array.
     */
    default void writeSnapshot(BinaryWriter out) {
        out.writeBytes(snapshot());
    }

    /** Replaces the whole state with a snapshot's. */
    void restore(byte[] snapshot);
}
