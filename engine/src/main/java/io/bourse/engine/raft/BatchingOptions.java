package io.bourse.engine.raft;

import java.time.Duration;

/**
 * Bounds of leader-side batching.
 *
 * @param queueCapacity commands waiting to be proposed before callers are told "overloaded"
 * @param maxBatchCommands commands in one log entry at most
 * @param maxBatchBytes encoded bytes in one log entry at most (about; the last command may cross it)
 * @param maxEntriesInFlight entries proposed but not yet committed, at most; while they commit, new
 *     commands gather into the next entry (group commit). Light load is not delayed: with nothing
 *     in flight a command is proposed at once.
 * @param maxEntrySpacing the least time between two entries' proposals when the machine's CPU is
 *     busy ({@link EntryPacer}: none while it has room); a full entry never waits. Zero: never paced.
 */
public record BatchingOptions(int queueCapacity, int maxBatchCommands, int maxBatchBytes, int maxEntriesInFlight,
                              Duration maxEntrySpacing) {
    public BatchingOptions {
        if (queueCapacity < 1 || maxBatchCommands < 1 || maxBatchBytes < 1 || maxEntriesInFlight < 1) {
            throw new IllegalArgumentException("batching bounds must be positive");
        }
        if (maxEntrySpacing == null || maxEntrySpacing.isNegative()) {
            throw new IllegalArgumentException("the entry spacing must be zero or more");
        }
    }

    public static BatchingOptions defaults() {
        return new BatchingOptions(20_000, 2_000, 512 * 1024, 1, Duration.ofMillis(10));
    }
}
