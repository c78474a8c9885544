package io.bourse.core.ledger;

import java.util.ArrayDeque;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Remembers applied transfers by id for a retention window of log time, so that a retried
 * transfer is recognised instead of applied twice. Bounded: when it holds {@code capacity}
 * transfers younger than the window, new transfers are refused ({@link TransferResult#JOURNAL_FULL}).
 */
final class TransferJournal {
    private record Entry(Transfer transfer, long appliedAtMillis) {}

    private final long retentionMillis;
    private final int capacity;
    private final Long2ObjectHashMap<Entry> byId = new Long2ObjectHashMap<>();
    private final ArrayDeque<Entry> byAge = new ArrayDeque<>();

    TransferJournal(long retentionMillis, int capacity) {
        this.retentionMillis = retentionMillis;
        this.capacity = capacity;
    }

    Transfer find(long id) {
        Entry entry = byId.get(id);
        return entry == null ? null : entry.transfer();
    }

    boolean isFull(long nowMillis) {
        forgetOlderThan(nowMillis - retentionMillis);
        return byId.size() >= capacity;
    }

    void remember(Transfer transfer, long nowMillis) {
        Entry entry = new Entry(transfer, nowMillis);
        byId.put(transfer.id(), entry);
        byAge.addLast(entry);
    }

    private void forgetOlderThan(long cutoffMillis) {
        while (!byAge.isEmpty() && byAge.peekFirst().appliedAtMillis() < cutoffMillis) {
            byId.remove(byAge.pollFirst().transfer().id());
        }
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
