package io.bourse.core.shard;

import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.Side;

/**
 * What a shard tells the outside world as it applies commands: the feed behind order updates,
 * fills and market data. Events are derived output, not state: replaying the log repeats them.
 */
public sealed interface ShardEvent {

    /** An order changed status or quantity. {@code endReason} is null until it ends. */
    record OrderUpdated(long accountId, long orderId, String clientOrderId, int instrumentId, Side side,
                        OrderStatus status, long limitPriceTicks, long totalLots, long filledLots,
                        EndReason endReason, long logTimeMillis) implements ShardEvent {}

    /** One side of a trade, as its account shard settled it. */
    record OrderFilled(long accountId, long orderId, long fillId, int instrumentId, Side side, long priceTicks,
                       long lots, long feeCents, boolean maker, long logTimeMillis) implements ShardEvent {}

    /** A trade printed on a market shard. {@code sequence} counts this instrument's market-data events. */
    record TradePrinted(int instrumentId, long tradeId, long priceTicks, long lots, Side aggressorSide,
                        long sequence, long logTimeMillis) implements ShardEvent {}

    /**
     * One price level of a book now holds {@code lots} in {@code orders} orders (0 and 0: the level
     * is gone). {@code sequence} counts this instrument's market-data events, trades included, so a
     * subscriber that misses one knows to fetch the book again.
     */
    record BookLevelChanged(int instrumentId, Side side, long priceTicks, long lots, int orders, long sequence,
                            long logTimeMillis) implements ShardEvent {}

    /** Receives events; implementations must not throw. */
    interface Sink {
        /** Wants nothing. */
        Sink NONE = new Sink() {
            @Override
            public void accept(ShardEvent event) {
            }

            @Override
            public boolean wanted() {
                return false;
            }
        };

        void accept(ShardEvent event);

        /**
         * Whether events are wanted now: a shard builds none while not (its state changes exactly as
         * it would otherwise, sequence numbers included), since building one costs an allocation and
         * most replicas' events are read by nobody.
         */
        default boolean wanted() {
            return true;
        }
    }
}
