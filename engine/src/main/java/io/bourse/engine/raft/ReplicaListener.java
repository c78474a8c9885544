package io.bourse.engine.raft;

/** Hears what a replica does. Called on the replica's apply thread: keep it short, never block. */
public interface ReplicaListener {

    default void onLeaderStart(long term) {}

    default void onLeaderStop() {}

    /** After each batch of log entries is applied (and after a snapshot is loaded). */
    default void afterApply() {}
}
