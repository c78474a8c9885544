package io.bourse.engine.raft;

/**
 * Bounds of leader-side batching.
 *
 * @param queueCapacity commands waiting to be proposed before callers are told "overloaded"
 * @param maxBatchCommands commands in one log entry at most
 * @param maxBatchBytes encoded bytes in one log entry at most (about; the last command may cross it)
 * @param maxEntriesInFlight entries proposed but not yet committed, at most; while they commit, new
 *     commands gather into the next entry (group commit). Light load is not delayed: with nothing
 *     in flight a command is proposed at once.
 */
public record BatchingOptions(int queueCapacity, int maxBatchCommands, int maxBatchBytes, int maxEntriesInFlight) {
    public BatchingOptions {
        if (queueCapacity < 1 || maxBatchCommands < 1 || maxBatchBytes < 1 || maxEntriesInFlight < 1) {
            throw new IllegalArgumentException("batching bounds must be positive");
        }
    }

    public static BatchingOptions defaults() {
        return new BatchingOptions(20_000, 2_000, 512 * 1024, 1);
    }
}
