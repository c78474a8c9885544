package io.bourse.core.shard;

import io.bourse.core.ledger.Hold;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;

/**
 * An open order as its account shard keeps it: what was asked, what has filled, and the hold
 * (ledger hold id = order id) that pays for the rest. {@code limitPriceTicks} is the price the hold
 * is sized for: the limit, or the protection price of a market or stop order.
 */
final class AccountOrder {
    final long orderId;
    final long accountId;
    final String clientOrderId;
    final int instrumentId;
    final Side side;
    final OrderType type;
    final TimeInForce timeInForce;
    final long stopPriceTicks;
    final boolean postOnly;
    long limitPriceTicks;
    long totalLots;
    long filledLots;
    long filledNotionalCents;
    long feesCents;
    long createdAtMillis;
    long updatedAtMillis;
    OrderStatus status = OrderStatus.PENDING_NEW;
    boolean amendInFlight;
    /** Its hold in the ledger, kept here so amending and settling it need no lookup. */
    Hold hold;
    /** Its entry in the client-order-id index, kept here so ending the order needs no lookup. */
    ClientOrderIndex.Entry clientOrderEntry;

    AccountOrder(long orderId, long accountId, String clientOrderId, int instrumentId, Side side, OrderType type,
                 TimeInForce timeInForce, long limitPriceTicks, long stopPriceTicks, long totalLots, boolean postOnly) {
        this.orderId = orderId;
        this.accountId = accountId;
        this.clientOrderId = clientOrderId;
        this.instrumentId = instrumentId;
        this.side = side;
        this.type = type;
        this.timeInForce = timeInForce;
        this.limitPriceTicks = limitPriceTicks;
        this.stopPriceTicks = stopPriceTicks;
        this.totalLots = totalLots;
        this.postOnly = postOnly;
    }

    long openLots() {
        return totalLots - filledLots;
    }
}
