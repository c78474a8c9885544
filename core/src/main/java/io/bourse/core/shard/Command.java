package io.bourse.core.shard;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;

/**
 * Everything a shard's state machine can be asked to do. Commands are small immutable values;
 * each is applied in log order with the log time the leader stamped on it.
 *
 * <p>Prices in commands are in cents per share and quantities in shares, as customers think of
 * them; the shard checks that they are whole ticks and lots of the instrument.
 */
public sealed interface Command {

    /**
     * The account a customer command acts for (an idempotent one's, for one wrapped in
     * {@link Idempotent}), or -1 for commands that are not a customer's: their shard is chosen otherwise.
     */
    static long accountOf(Command command) {
        return switch (command) {
            case Deposit c -> c.accountId();
            case Withdraw c -> c.accountId();
            case PlaceOrder c -> c.accountId();
            case CancelOrder c -> c.accountId();
            case AmendOrder c -> c.accountId();
            case CancelAllOrders c -> c.accountId();
            case RegisterUser c -> c.accountId();
            case AddCredential c -> c.accountId();
            case RevokeCredential c -> c.accountId();
            case ChangePassword c -> c.accountId();
            case Idempotent c -> c.accountId();
            case null, default -> -1;
        };
    }

    // ---- administration (applied to every shard, in the same order, by the directory) ----

    /** Adds an instrument; its book lives on {@code marketShard}. */
    record DefineInstrument(Instrument instrument, int marketShard) implements Command {}

    /** Moves an instrument's price band (and its market orders' collar reference). */
    record SetReferencePrice(int instrumentId, long referencePriceTicks) implements Command {}

    /** Records that account slots {@code firstSlot..lastSlot} belong to {@code shard}. */
    record AssignSlots(int firstSlot, int lastSlot, int shard) implements Command {}

    /**
     * Halts (or resumes) trading in an instrument, on the shard that holds its book: while halted,
     * new orders are refused there ({@code MARKET_HALTED}) and amendments are not applied; cancels still work.
     */
    record HaltTrading(int instrumentId, boolean halted) implements Command {}

    /**
     * Ends a trading day in the books this shard holds: day orders and day stops expire, and each
     * book's day figures start over (the last trade becomes the previous close).
     *
     * @param day the trading day ended, as days since 1970-01-01 (UTC): once a shard has ended a
     *            day, ending it (or an earlier one) again is a duplicate that changes nothing, so a
     *            retry or a second operator is harmless; 0 ends the day unconditionally, as the
     *            command did before it carried its day. A day after the shard's log time is refused.
     */
    record EndTradingDay(long day) implements Command {
        /** Unconditionally, as before days were numbered. */
        public EndTradingDay() {
            this(0);
        }
    }

    // ---- customers ----

    /** Moves cash (asset {@link io.bourse.core.ledger.Ledger#CASH}) or shares in from the outside world. */
    record Deposit(long accountId, long transferId, int asset, long amount) implements Command {}

    /** Moves cash or shares out to the outside world; never more than is available. */
    record Withdraw(long accountId, long transferId, int asset, long amount) implements Command {}

    /**
     * Places an order. {@code limitPriceCents} is 0 unless the type has a limit; {@code stopPriceCents}
     * is 0 unless it has a stop. Deduplicated by ({@code accountId}, {@code clientOrderId}).
     */
    record PlaceOrder(long accountId, String clientOrderId, int instrumentId, Side side, OrderType type,
                      TimeInForce timeInForce, long limitPriceCents, long stopPriceCents, long quantityShares,
                      boolean postOnly) implements Command {}

    record CancelOrder(long accountId, long orderId) implements Command {}

    /**
     * Changes a resting order's limit price and total quantity. Lowering only the quantity keeps
     * the order's place in the queue; anything else sends it to the back. Either may be {@link #KEEP}:
     * the order keeps what it has when the shard applies the amendment. That is why a caller need
     * not read the order first, and why an amendment of one never undoes a concurrent one of the other.
     */
    record AmendOrder(long accountId, long orderId, long newLimitPriceCents, long newQuantityShares) implements Command {
        /** In place of a new price or quantity: keep the order's own. */
        public static final long KEEP = Long.MIN_VALUE;
    }

    /** Cancels every open order of an account, or only those in one instrument when {@code instrumentId} is not 0. */
    record CancelAllOrders(long accountId, int instrumentId) implements Command {}

    // ---- users and their credentials (kept on the account's shard) ----

    /**
     * Creates the user who owns {@code accountId}. The password is never seen here: the gateway
     * sends a slow-KDF digest of it (salt and parameters included).
     */
    record RegisterUser(long accountId, String username, String passwordDigest) implements Command {}

    /**
     * Adds a credential: a login session or an API key. The secret itself is never stored, only
     * its digest; {@code scopes} is a set of {@link Scopes} bits.
     */
    record AddCredential(long accountId, long credentialId, String secretDigest, int scopes, long expiresAtMillis,
                         String label) implements Command {}

    record RevokeCredential(long accountId, long credentialId) implements Command {}

    /**
     * Replaces the user's password digest and ends every login session but {@code keptSessionId}
     * (the one asking, or 0 for none): whoever knew the old password is logged out. API keys stay;
     * they are revoked one by one. Accepted with the number of sessions ended.
     */
    record ChangePassword(long accountId, String passwordDigest, long keptSessionId) implements Command {}

    /**
     * Applies {@code command} (a customer command of the same account) at most once per
     * idempotency key: a retry with the same key and request fingerprint gets the first result
     * back; the same key with another fingerprint is refused.
     */
    record Idempotent(long accountId, String key, long fingerprint, Command command) implements Command {}

    // ---- other shards ----

    /** A message from {@code sourceShard}'s outbox, the {@code sequence}-th it sent to this shard. */
    record Deliver(int sourceShard, long sequence, Message message) implements Command {}

    /** {@code destinationShard} has applied this shard's messages up to {@code sequence}: they can be forgotten. */
    record AcknowledgeDelivery(int destinationShard, long sequence) implements Command {}
}
