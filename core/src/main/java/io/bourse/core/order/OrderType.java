package io.bourse.core.order;

/** The order types a customer can place. */
public enum OrderType {
    /** Trades at the limit price or better. */
    LIMIT,
    /** Trades at once, protected by a collar: a market buy is a limit at reference price + collar. */
    MARKET,
    /** Waits until the last trade price reaches the stop price, then becomes a market order. */
    STOP,
    /** Waits until the last trade price reaches the stop price, then becomes a limit order. */
    STOP_LIMIT;

    public boolean hasLimitPrice() {
        return this == LIMIT || this == STOP_LIMIT;
    }

    public boolean hasStopPrice() {
        return this == STOP || this == STOP_LIMIT;
    }
}
