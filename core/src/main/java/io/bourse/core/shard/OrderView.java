package io.bourse.core.shard;

import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;

/** A read-only copy of an open order on its account shard. */
public record OrderView(long orderId, long accountId, String clientOrderId, int instrumentId, Side side, OrderType type,
                        TimeInForce timeInForce, OrderStatus status, long limitPriceTicks, long stopPriceTicks,
                        long totalLots, long filledLots) {

    static OrderView of(AccountOrder order) {
        return new OrderView(order.orderId, order.accountId, order.clientOrderId, order.instrumentId, order.side, order.type,
                order.timeInForce, order.status, order.limitPriceTicks, order.stopPriceTicks, order.totalLots, order.filledLots);
    }
}
