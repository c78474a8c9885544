package io.bourse.core.shard;

import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;

/**
 * What the account side and the market side of a flow tell each other. They communicate only
 * through these, so either side can live on any shard; prices are in ticks, quantities in lots.
 */
public sealed interface Message {

    // ---- account side to market side ----

    /**
     * A new order, funds already held. For market and stop orders {@code limitPriceTicks} is the
     * protection price the hold was sized for; the book never trades beyond it.
     */
    record SubmitOrder(long orderId, long accountId, int instrumentId, Side side, OrderType type,
                       TimeInForce timeInForce, long limitPriceTicks, long stopPriceTicks, long lots,
                       boolean postOnly) implements Message {}

    record CancelRequest(long orderId, int instrumentId) implements Message {}

    record AmendRequest(long orderId, int instrumentId, long newPriceTicks, long newTotalLots) implements Message {}

    // ---- market side to account side ----

    /** The order rests in the book, or waits in the stop book. */
    record OrderAccepted(long orderId) implements Message {}

    record OrderFilled(long orderId, long fillId, long priceTicks, long lots, boolean maker) implements Message {}

    /** The order left the market; whatever it still holds can be released. */
    record OrderEnded(long orderId, EndReason reason) implements Message {}

    /** The book's answer to an amendment: the order's price and quantities as they now stand. */
    record AmendApplied(long orderId, boolean accepted, long priceTicks, long totalLots, long filledLots) implements Message {}
}
