package io.bourse.engine.raft;

/**
 * Bounds of leader-side batching.
 *
 * @param queueCapacity commands waiting to be proposed before callers are told "overloaded"
 * @param maxBatchCommands commands in one log entry at most
 * @param maxBatchBytes encoded bytes in one log entry at most (about; the last command may cross it)
 */
public record BatchingOptions(int queueCapacity, int maxBatchCommands, int maxBatchBytes) {
    public static BatchingOptions defaults() {
        return new BatchingOptions(20_000, 2_000, 512 * 1024);
    }
}
