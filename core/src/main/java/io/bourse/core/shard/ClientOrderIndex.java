package io.bourse.core.shard;

import io.bourse.core.shard.Command.PlaceOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/**
 * (account, client order id) → the order placed under it, so a retried placement returns the
 * first result instead of placing twice. Remembered while the order is open and for the
 * idempotency window of log time after it ends; bounded in size.
 */
final class ClientOrderIndex {
    record Key(long accountId, String clientOrderId) {}

    static final class Entry {
        final PlaceOrder request;
        final long orderId;
        long endedAtMillis = -1;

        Entry(PlaceOrder request, long orderId) {
            this.request = request;
            this.orderId = orderId;
        }
    }

    private final long windowMillis;
    private final int capacity;
    private final Map<Key, Entry> entries = new HashMap<>();
    /** Entries of ended orders, oldest end first (log time never goes back). */
    private final ArrayDeque<Entry> ended = new ArrayDeque<>();

    ClientOrderIndex(long windowMillis, int capacity) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
    }

    Entry find(long accountId, String clientOrderId) {
        return entries.get(new Key(accountId, clientOrderId));
    }

    boolean isFull(long nowMillis) {
        long cutoff = nowMillis - windowMillis;
        while (!ended.isEmpty() && ended.peekFirst().endedAtMillis < cutoff) {
            Entry expired = ended.pollFirst();
            entries.remove(new Key(expired.request.accountId(), expired.request.clientOrderId()));
        }
        return entries.size() >= capacity;
    }

    Entry add(PlaceOrder request, long orderId) {
        Entry entry = new Entry(request, orderId);
        entries.put(new Key(request.accountId(), request.clientOrderId()), entry);
        return entry;
    }

    void orderEnded(Entry entry, long nowMillis) {
        entry.endedAtMillis = nowMillis;
        ended.addLast(entry);
    }

    /** The entries of ended orders, oldest end first: the snapshot order. */
    List<Entry> endedOldestFirst() {
        return List.copyOf(ended);
    }

    void restoreEnded(PlaceOrder request, long orderId, long endedAtMillis) {
        Entry entry = new Entry(request, orderId);
        entry.endedAtMillis = endedAtMillis;
        entries.put(new Key(request.accountId(), request.clientOrderId()), entry);
        ended.addLast(entry);
    }

    int size() {
        return entries.size();
    }
}
