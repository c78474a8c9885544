package io.bourse.core.order;

/** How long an order may stay open. */
public enum TimeInForce {
    /** Rests until filled, canceled, or the end of the trading day. */
    DAY,
    /** Rests until filled or canceled. */
    GOOD_TILL_CANCELED,
    /** Trades what it can at once; the rest is canceled. */
    IMMEDIATE_OR_CANCEL,
    /** Trades its whole quantity at once, or nothing. */
    FILL_OR_KILL;

    public boolean rests() {
        return this == DAY || this == GOOD_TILL_CANCELED;
    }
}
