package io.bourse.core.ledger;

import java.util.ArrayDeque;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Remembers applied transfers by id for the {@link Retention} of log time, so that a retried
 * transfer is recognised instead of applied twice. Bounded: when the transfers it must still
 * remember fill it, new transfers are refused ({@link TransferResult#JOURNAL_FULL}).
 */
final class TransferJournal {
    private record Entry(Transfer transfer, long appliedAtMillis) {}

    private final Retention retention;
    private final Long2ObjectHashMap<Entry> byId = new Long2ObjectHashMap<>();
    private final ArrayDeque<Entry> byAge = new ArrayDeque<>();

    TransferJournal(Retention retention) {
        this.retention = retention;
    }

    Transfer find(long id) {
        Entry entry = byId.get(id);
        return entry == null ? null : entry.transfer();
    }

    /** Forgets what the retention lets go of; true when there is still no room for another transfer. */
    boolean isFull(long nowMillis) {
        while (!byAge.isEmpty() && retention.forgetsOldest(byId.size(), byAge.peekFirst().appliedAtMillis(), nowMillis)) {
            byId.remove(byAge.pollFirst().transfer().id());
        }
        return retention.isFull(byId.size());
    }

    void remember(Transfer transfer, long nowMillis) {
        Entry entry = new Entry(transfer, nowMillis);
        byId.put(transfer.id(), entry);
        byAge.addLast(entry);
    }

    /** Oldest first, with the log time each was applied at: the snapshot order. */
    void forEach(EntryVisitor visitor) {
        for (Entry entry : byAge) {
            visitor.visit(entry.transfer(), entry.appliedAtMillis());
        }
    }

    int size() {
        return byId.size();
    }

    interface EntryVisitor {
        void visit(Transfer transfer, long appliedAtMillis);
    }
}
