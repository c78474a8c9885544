package io.bourse.engine.raft;

/**
 * A command could not be confirmed by this replica: it is not (or no longer) the leader, its queue
 * is full, or it is stopping. A command proposed just before its leader stepped down may still be
 * committed by the next leader, so the caller retries with the same ids: commands carry their own
 * idempotency keys, and the state machine recognises a repeat.
 */
public final class ReplicaUnavailableException extends RuntimeException {
    public enum Reason { NOT_LEADER, OVERLOADED, STOPPING, FAILED }

    private final Reason reason;
    private final String leaderHint;

    public ReplicaUnavailableException(Reason reason, String leaderHint, String message) {
        super(message);
        this.reason = reason;
        this.leaderHint = leaderHint;
    }

    public Reason reason() {
        return reason;
    }

    /** The leader's endpoint as this replica knows it, or null. */
    public String leaderHint() {
        return leaderHint;
    }
}
