package io.bourse.core.shard;

/**
 * The bounds a shard enforces. At a bound the caller gets a clear rejection
 * ({@code TOO_MANY_OPEN_ORDERS}, {@code LIMIT_REACHED}, {@code OVERLOADED}), never unbounded growth.
 *
 * @param idempotencyWindowMillis how long, in log time, transfer ids and the client order ids of
 *                                ended orders are remembered (client order ids of open orders always are)
 * @param maxOpenOrdersPerAccount open orders one account may have at once
 * @param maxOpenOrders open orders the shard's accounts may have at once, all together
 * @param maxRememberedIds client order ids (and, separately, transfer ids) remembered at once
 * @param maxOutboxMessages unacknowledged messages to one other shard before new customer commands are refused
 */
public record ShardLimits(long idempotencyWindowMillis, int maxOpenOrdersPerAccount, int maxOpenOrders,
                          int maxRememberedIds, int maxOutboxMessages) {

    public static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    public static ShardLimits defaults() {
        return new ShardLimits(DAY_MILLIS, 1_000, 2_000_000, 4_000_000, 1_000_000);
    }
}
