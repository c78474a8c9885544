package io.bourse.core.shard;

import io.bourse.core.ledger.Retention;

/**
 * The bounds a shard enforces. At a bound the caller gets a clear rejection
 * ({@code TOO_MANY_OPEN_ORDERS}, {@code LIMIT_REACHED}, {@code OVERLOADED}), never unbounded growth.
 *
 * @param idempotencyWindowMillis how long, in log time, transfer ids, idempotency keys and the
 *                                client order ids of ended orders are remembered while there is room
 *                                (client order ids of open orders always are)
 * @param idempotencyGuaranteeMillis how long they are remembered whatever the load: a store at its
 *                                bound forgets its oldest early, never younger than this ({@link Retention})
 * @param maxOpenOrdersPerAccount open orders one account may have at once
 * @param maxOpenOrders open orders the shard's accounts may have at once, all together
 * @param maxRememberedIds client order ids (and, separately, transfer ids and idempotency keys) remembered at once
 * @param maxOutboxMessages unacknowledged messages to one other shard before new customer commands are refused
 * @param maxCredentialsPerUser live sessions and API keys one user may hold
 * @param endedOrdersPerAccount ended orders kept in an account's history (the oldest are forgotten)
 * @param fillsPerAccount fills kept in an account's history (the oldest are forgotten)
 * @param transfersPerAccount deposits and withdrawals kept in an account's history (the oldest are forgotten)
 */
public record ShardLimits(long idempotencyWindowMillis, long idempotencyGuaranteeMillis,
                          int maxOpenOrdersPerAccount, int maxOpenOrders, int maxRememberedIds,
                          int maxOutboxMessages, int maxCredentialsPerUser, int endedOrdersPerAccount, int fillsPerAccount,
                          int transfersPerAccount) {

    public static final long DAY_MILLIS = 24L * 60 * 60 * 1000;
    /**
     * Ten minutes: forty times the engine client's deadline for a request, retries included (15 s),
     * and long enough for a person to retry by hand. With 4,000,000 ids a store, a shard takes 6,600
     * new ids a second, sustained, before it refuses any.
     */
    public static final long GUARANTEE_MILLIS = 10L * 60 * 1000;

    public ShardLimits {
        // Built once here only to be checked: the fields are not set yet, so retention() cannot be called.
        new Retention(idempotencyWindowMillis, idempotencyGuaranteeMillis, maxRememberedIds);
    }

    public ShardLimits(long idempotencyWindowMillis, int maxOpenOrdersPerAccount, int maxOpenOrders,
                       int maxRememberedIds, int maxOutboxMessages) {
        this(idempotencyWindowMillis, Math.min(idempotencyWindowMillis, GUARANTEE_MILLIS), maxOpenOrdersPerAccount,
                maxOpenOrders, maxRememberedIds, maxOutboxMessages, 50, 200, 500, 200);
    }

    public static ShardLimits defaults() {
        return new ShardLimits(DAY_MILLIS, 1_000, 2_000_000, 4_000_000, 1_000_000);
    }

    /** How long, and how many, of each kind of id that makes a retry safe a shard remembers. */
    public Retention retention() {
        return new Retention(idempotencyWindowMillis, idempotencyGuaranteeMillis, maxRememberedIds);
    }
}
