package io.bourse.engine.rpc;

/** How an engine node answered. Ordinals travel on the wire: append only. */
public enum ResponseStatus {
    OK,
    /** This replica is not the group's leader; try the hinted one. Retryable. */
    NOT_LEADER,
    /** This node holds no replica of that group. Retryable elsewhere. */
    UNKNOWN_GROUP,
    /** The group's queue is full. Retryable after a pause. */
    OVERLOADED,
    /** The request could not be decoded or is not allowed. Not retryable. */
    BAD_REQUEST,
    /** Something failed inside the node (a replica stopping, say). Retryable. */
    ERROR
}
