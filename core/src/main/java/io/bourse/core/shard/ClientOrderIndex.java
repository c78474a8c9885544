package io.bourse.core.shard;

import io.bourse.core.ledger.Retention;
import io.bourse.core.shard.Command.PlaceOrder;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * (account, client order id) → the order placed under it, so a retried placement returns the
 * first result instead of placing twice. Remembered while the order is open and for the
 * {@link Retention} of log time after it ends; bounded in size. Open orders' entries are objects
 * (an open order refers to its own); ended ones are packed ({@link EndedClientOrders}).
 */
final class ClientOrderIndex {
    record Key(long accountId, String clientOrderId) {
        // Written out: a record's generated hashCode goes through a method handle, measured at about
        // 2 % of a busy shard's CPU here, where every placement and every end hashes a key.
        @Override
        public int hashCode() {
            return Long.hashCode(accountId) * 31 + clientOrderId.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.accountId == accountId && key.clientOrderId.equals(clientOrderId);
        }
    }

    static final class Entry {
        final PlaceOrder request;
        final long orderId;
        long endedAtMillis = -1;

        Entry(PlaceOrder request, long orderId) {
            this.request = request;
            this.orderId = orderId;
        }
    }

    private final Retention retention;
    private final Map<Key, Entry> open = new HashMap<>();
    /** Ended orders' entries, oldest end first (log time never goes back). */
    private final EndedClientOrders ended = new EndedClientOrders();

    ClientOrderIndex(Retention retention) {
        this.retention = retention;
    }

    Entry find(long accountId, String clientOrderId) {
        Entry entry = open.get(new Key(accountId, clientOrderId));
        return entry != null ? entry : ended.find(accountId, clientOrderId);
    }

    /**
     * Forgets the ended orders the retention lets go of, then says whether the index is at its
     * bound. Open orders' ids are never forgotten; they count toward the bound.
     */
    boolean isFull(long nowMillis) {
        while (ended.size() > 0 && retention.forgetsOldest(size(), ended.oldestEndedAtMillis(), nowMillis)) {
            ended.removeOldest();
        }
        return retention.isFull(size());
    }

    Entry add(PlaceOrder request, long orderId) {
        Entry entry = new Entry(request, orderId);
        open.put(new Key(request.accountId(), request.clientOrderId()), entry);
        return entry;
    }

    void orderEnded(Entry entry, long nowMillis) {
        open.remove(new Key(entry.request.accountId(), entry.request.clientOrderId()));
        ended.append(entry.request, entry.orderId, nowMillis);
    }

    /** How many ended orders' client order ids are remembered. */
    int endedCount() {
        return ended.size();
    }

    /** Each ended order's entry, oldest end first (the snapshot order), built as it is visited. */
    void forEachEndedOldestFirst(Consumer<Entry> visitor) {
        ended.forEachOldestFirst(visitor);
    }

    void restoreEnded(PlaceOrder request, long orderId, long endedAtMillis) {
        ended.append(request, orderId, endedAtMillis);
    }

    int size() {
        return open.size() + ended.size();
    }
}
