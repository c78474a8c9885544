package io.bourse.core.shard;

import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;

/**
 * A read-only copy of an order on its account shard, open or recently ended.
 *
 * @param filledNotionalCents what the filled part cost (buy) or brought in (sell), before fees
 * @param endReason why it ended; null while it is open
 */
public record OrderView(long orderId, long accountId, String clientOrderId, int instrumentId, Side side, OrderType type,
                        TimeInForce timeInForce, OrderStatus status, long limitPriceTicks, long stopPriceTicks,
                        long totalLots, long filledLots, long filledNotionalCents, long feesCents,
                        long createdAtMillis, long updatedAtMillis, EndReason endReason) {

    static OrderView of(AccountOrder order, EndReason endReason) {
        return new OrderView(order.orderId, order.accountId, order.clientOrderId, order.instrumentId, order.side, order.type,
                order.timeInForce, order.status, order.limitPriceTicks, order.stopPriceTicks, order.totalLots, order.filledLots,
                order.filledNotionalCents, order.feesCents, order.createdAtMillis, order.updatedAtMillis, endReason);
    }

    public boolean isOpen() {
        return !status.isTerminal();
    }
}
