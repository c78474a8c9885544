package io.bourse.engine.rpc;

/** What an {@link EngineRequest} asks. Ordinals travel on the wire: append only. */
public enum RequestKind {
    /** Apply commands on a group's leader. Body: count, then each command; answer: each result. */
    SUBMIT,
    /** Read a group's state (linearizable unless stale reads are allowed). Body: a query; answer: its result. */
    QUERY,
    /**
     * Follow a shard replica's event feed. Body: epoch, after, max events, wait millis; answer: a
     * {@link io.bourse.engine.feed.FeedBatch}. Served by whichever replica is asked.
     */
    FEED,
    /**
     * Apply commands on a shard's leader, each optionally followed by a query that the leader
     * answers right after the command's log entry is applied (no ReadIndex round of its own).
     * Body: count, then each command and its query (empty: none); answer: each result and its
     * query's answer (length -1: none).
     */
    SUBMIT_THEN_READ
}
