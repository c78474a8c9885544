package io.bourse.core.order;

/** Why an order left the market. Each maps to the final status its owner sees. */
public enum EndReason {
    FILLED(OrderStatus.FILLED),
    CANCELED_BY_OWNER(OrderStatus.CANCELED),
    IMMEDIATE_OR_CANCEL_REMAINDER(OrderStatus.CANCELED),
    FILL_OR_KILL_NOT_FILLABLE(OrderStatus.CANCELED),
    SELF_TRADE_PREVENTED(OrderStatus.CANCELED),
    POST_ONLY_WOULD_TRADE(OrderStatus.REJECTED),
    DAY_ENDED(OrderStatus.EXPIRED),
    /** Trading in the instrument is halted: new orders are refused at the market. */
    MARKET_HALTED(OrderStatus.REJECTED);

    private final OrderStatus finalStatus;

    EndReason(OrderStatus finalStatus) {
        this.finalStatus = finalStatus;
    }

    public OrderStatus finalStatus() {
        return finalStatus;
    }
}
