package io.bourse.core.ledger;

/**
 * A pending transfer: funds reserved on the debit account, owed to the credit account. Outside the
 * ledger it is only a handle ({@link Ledger#openHold}): whoever keeps one (an open order keeps its
 * own) can post and resize it without the ledger finding it by id again.
 */
public final class Hold {
    final long id;
    final LedgerAccount debit;
    final LedgerAccount credit;
    long remaining;
    /** False once released: a kept handle then answers like an unknown hold. */
    boolean open = true;

    Hold(long id, LedgerAccount debit, LedgerAccount credit, long remaining) {
        this.id = id;
        this.debit = debit;
        this.credit = credit;
        this.remaining = remaining;
    }
}
