package io.bourse.core.ledger;

/**
 * A transfer requested from outside the trading flow (a deposit, a withdrawal, an adjustment),
 * identified by its id: the id is its idempotency key.
 *
 * @param pendingId for {@link Kind#POST_PENDING} and {@link Kind#VOID_PENDING}, the hold acted on; else 0
 * @param amount for {@link Kind#POST_PENDING}, how much of the hold to post (the rest is returned)
 */
public record Transfer(long id, Kind kind, long debitOwner, long creditOwner, int asset, long amount, long pendingId) {

    public enum Kind {
        /** Moves the amount at once. */
        POSTED,
        /** Holds the amount on the debit account, to be posted or voided later. */
        PENDING,
        /** Posts part or all of a pending transfer; what is not posted is returned. */
        POST_PENDING,
        /** Returns a whole pending transfer. */
        VOID_PENDING
    }

    public static Transfer posted(long id, long debitOwner, long creditOwner, int asset, long amount) {
        return new Transfer(id, Kind.POSTED, debitOwner, creditOwner, asset, amount, 0);
    }

    public static Transfer pending(long id, long debitOwner, long creditOwner, int asset, long amount) {
        return new Transfer(id, Kind.PENDING, debitOwner, creditOwner, asset, amount, 0);
    }

    public static Transfer postPending(long id, long pendingId, long amount) {
        return new Transfer(id, Kind.POST_PENDING, 0, 0, 0, amount, pendingId);
    }

    public static Transfer voidPending(long id, long pendingId) {
        return new Transfer(id, Kind.VOID_PENDING, 0, 0, 0, 0, pendingId);
    }
}
