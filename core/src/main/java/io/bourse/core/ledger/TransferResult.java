package io.bourse.core.ledger;

/** The outcome of a ledger operation. Anything but {@link #OK} and {@link #ALREADY_APPLIED} changed nothing. */
public enum TransferResult {
    OK,
    /** The same transfer id with the same payload was applied before; nothing changes again. */
    ALREADY_APPLIED,
    /** The transfer id was used before for a different transfer. */
    ID_REUSED_WITH_DIFFERENT_PAYLOAD,
    /** A user account would go below zero (available = balance - held). */
    INSUFFICIENT_FUNDS,
    INVALID_AMOUNT,
    INVALID_ACCOUNT,
    SAME_ACCOUNT,
    HOLD_ID_IN_USE,
    UNKNOWN_HOLD,
    EXCEEDS_HOLD,
    /** The journal holds as many transfers as it may within its retention window. */
    JOURNAL_FULL,
    /** More would have come in from outside than {@link Ledger#MAX_NET_INFLOW} allows. */
    INFLOW_LIMIT;

    public boolean succeeded() {
        return this == OK || this == ALREADY_APPLIED;
    }
}
