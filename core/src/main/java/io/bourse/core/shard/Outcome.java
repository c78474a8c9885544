package io.bourse.core.shard;

/** How a command ended. */
public enum Outcome {
    ACCEPTED,
    /** The same request was applied before; nothing changed again. The result names the original. */
    DUPLICATE,
    REJECTED
}
