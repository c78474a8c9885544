package io.bourse.core.order;

/**
 * Why a command was refused. A rejection is a deterministic result of the command and the state;
 * it changes nothing. Names are stable: they are part of the API and of the snapshot format.
 */
public enum RejectReason {
    UNKNOWN_INSTRUMENT,
    INSTRUMENT_ALREADY_DEFINED,
    INVALID_INSTRUMENT,
    INVALID_QUANTITY,
    NOT_A_LOT_MULTIPLE,
    QUANTITY_TOO_LARGE,
    INVALID_PRICE,
    NOT_A_TICK_MULTIPLE,
    PRICE_OUTSIDE_BAND,
    INVALID_STOP_PRICE,
    INVALID_ORDER_OPTIONS,
    INSUFFICIENT_BUYING_POWER,
    INSUFFICIENT_SHARES,
    INSUFFICIENT_FUNDS,
    INVALID_AMOUNT,
    INVALID_ACCOUNT,
    INVALID_CLIENT_ORDER_ID,
    CLIENT_ORDER_ID_REUSED,
    TRANSFER_ID_REUSED,
    UNKNOWN_ORDER,
    ORDER_NOT_OPEN,
    AMEND_IN_PROGRESS,
    NOTHING_TO_AMEND,
    QUANTITY_BELOW_FILLED,
    WRONG_SHARD,
    UNKNOWN_SHARD,
    MESSAGE_OUT_OF_ORDER,
    TOO_MANY_OPEN_ORDERS,
    LIMIT_REACHED,
    OVERLOADED,
    MALFORMED_COMMAND,
    INVALID_USERNAME,
    USERNAME_TAKEN,
    UNKNOWN_USER,
    INVALID_CREDENTIAL,
    CREDENTIAL_ID_REUSED,
    TOO_MANY_CREDENTIALS,
    UNKNOWN_CREDENTIAL,
    INVALID_IDEMPOTENCY_KEY,
    IDEMPOTENCY_KEY_REUSED,
    /** A deposit would take what has come into the shard past {@code Ledger.MAX_NET_INFLOW}. */
    DEPOSIT_LIMIT_REACHED,
    /** A trading day to end that the shard's log time has not reached (ending it would block the days before it). */
    TRADING_DAY_NOT_BEGUN
}
