package io.bourse.core.ledger;

/** An open pending transfer: funds reserved on the debit account, owed to the credit account. */
final class Hold {
    final long id;
    final LedgerAccount debit;
    final LedgerAccount credit;
    long remaining;

    Hold(long id, LedgerAccount debit, LedgerAccount credit, long remaining) {
        this.id = id;
        this.debit = debit;
        this.credit = credit;
        this.remaining = remaining;
    }
}
