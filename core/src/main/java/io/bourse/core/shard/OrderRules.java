package io.bourse.core.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.RejectReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.AmendOrder;
import io.bourse.core.shard.Command.PlaceOrder;

/** What makes an order, or an amendment, acceptable for an instrument. Pure functions. */
final class OrderRules {
    private OrderRules() {}

    static RejectReason check(PlaceOrder order, Instrument instrument) {
        if (order.side() == null || order.type() == null || order.timeInForce() == null) {
            return RejectReason.INVALID_ORDER_OPTIONS;
        }
        RejectReason problem = checkQuantity(order.quantityShares(), instrument);
        if (problem == null) {
            problem = checkOptions(order);
        }
        if (problem == null && order.type().hasLimitPrice()) {
            problem = checkPrice(order.limitPriceCents(), instrument, RejectReason.INVALID_PRICE);
        }
        if (problem == null && order.type().hasStopPrice()) {
            problem = checkPrice(order.stopPriceCents(), instrument, RejectReason.INVALID_STOP_PRICE);
        }
        return problem;
    }

    /**
     * Market orders trade at once (immediate-or-cancel or fill-or-kill); a stop waits for its
     * trigger for a day or until canceled; post-only makes sense only for a limit order that rests.
     * A price that the type does not use must be zero.
     */
    private static RejectReason checkOptions(PlaceOrder order) {
        TimeInForce timeInForce = order.timeInForce();
        boolean sound = switch (order.type()) {
            case LIMIT -> !order.postOnly() || timeInForce.rests();
            case MARKET -> !timeInForce.rests() && !order.postOnly();
            case STOP -> timeInForce.rests() && !order.postOnly();
            case STOP_LIMIT -> !order.postOnly();
        };
        if (!sound) {
            return RejectReason.INVALID_ORDER_OPTIONS;
        }
        if (!order.type().hasLimitPrice() && order.limitPriceCents() != 0) {
            return RejectReason.INVALID_ORDER_OPTIONS;
        }
        if (!order.type().hasStopPrice() && order.stopPriceCents() != 0) {
            return RejectReason.INVALID_ORDER_OPTIONS;
        }
        return null;
    }

    static RejectReason checkQuantity(long shares, Instrument instrument) {
        if (shares <= 0) {
            return RejectReason.INVALID_QUANTITY;
        }
        if (shares % instrument.lotSizeShares() != 0) {
            return RejectReason.NOT_A_LOT_MULTIPLE;
        }
        return shares / instrument.lotSizeShares() > instrument.maxOrderLots() ? RejectReason.QUANTITY_TOO_LARGE : null;
    }

    static RejectReason checkPrice(long cents, Instrument instrument, RejectReason whenNotPositive) {
        return cents <= 0 ? whenNotPositive : instrument.priceProblem(cents);
    }

    /**
     * The price a new order's hold is sized for and that the book never trades beyond: the limit,
     * or for market and stop orders the collar around the reference (market) or stop price.
     */
    static long protectionPriceTicks(PlaceOrder order, Instrument instrument) {
        long tick = instrument.tickSizeCents();
        return switch (order.type()) {
            case LIMIT, STOP_LIMIT -> order.limitPriceCents() / tick;
            case MARKET -> collar(order.side(), instrument, instrument.referencePriceTicks());
            case STOP -> collar(order.side(), instrument, order.stopPriceCents() / tick);
        };
    }

    private static long collar(Side side, Instrument instrument, long fromTicks) {
        return side == Side.BUY ? instrument.collarAbove(fromTicks) : instrument.collarBelow(fromTicks);
    }

    /** The amendment with {@link AmendOrder#KEEP} replaced by the order's own price or quantity. */
    static AmendOrder keepingWhatIsUnnamed(AmendOrder amend, AccountOrder order, Instrument instrument) {
        if (amend.newLimitPriceCents() != AmendOrder.KEEP && amend.newQuantityShares() != AmendOrder.KEEP) {
            return amend;
        }
        long priceCents = amend.newLimitPriceCents() == AmendOrder.KEEP ? order.limitPriceTicks * instrument.tickSizeCents()
                : amend.newLimitPriceCents();
        long shares = amend.newQuantityShares() == AmendOrder.KEEP ? instrument.shares(order.totalLots) : amend.newQuantityShares();
        return new AmendOrder(amend.accountId(), amend.orderId(), priceCents, shares);
    }

    static RejectReason checkAmend(AmendOrder amend, AccountOrder order, Instrument instrument) {
        if (order.amendInFlight) {
            return RejectReason.AMEND_IN_PROGRESS;
        }
        if (order.type == OrderType.MARKET || order.type == OrderType.STOP || !order.timeInForce.rests()) {
            return RejectReason.INVALID_ORDER_OPTIONS;
        }
        RejectReason problem = checkPrice(amend.newLimitPriceCents(), instrument, RejectReason.INVALID_PRICE);
        if (problem == null) {
            problem = checkQuantity(amend.newQuantityShares(), instrument);
        }
        if (problem != null) {
            return problem;
        }
        long newPriceTicks = amend.newLimitPriceCents() / instrument.tickSizeCents();
        long newTotalLots = amend.newQuantityShares() / instrument.lotSizeShares();
        if (newTotalLots <= order.filledLots) {
            return RejectReason.QUANTITY_BELOW_FILLED;
        }
        if (newPriceTicks == order.limitPriceTicks && newTotalLots == order.totalLots) {
            return RejectReason.NOTHING_TO_AMEND;
        }
        return null;
    }
}
