package io.bourse.core.ledger;

/** One ledger account: one owner's balance of one asset. Mutable, owned by its {@link Ledger}. */
final class LedgerAccount {
    final long owner;
    final int asset;
    /** Credits minus debits posted. */
    long balance;
    /** Debits pending in open holds. */
    long held;
    /** The owner's account created before this one (of another asset), or null: the chain {@code Ledger.assetsOf} walks. */
    LedgerAccount previousOfOwner;

    LedgerAccount(long owner, int asset) {
        this.owner = owner;
        this.asset = asset;
    }

    long available() {
        return balance - held;
    }

    /** User accounts may never be overdrawn; system accounts (negative owners) may. */
    boolean mayGoNegative() {
        return owner < 0;
    }
}
