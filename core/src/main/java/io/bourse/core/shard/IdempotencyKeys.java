package io.bourse.core.shard;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * (account, idempotency key) → the fingerprint of the request first sent under it and the result
 * it got, so a retry — through any gateway, after any failover — gets that result back instead of
 * acting twice. Part of the replicated state; remembered for the idempotency window of log time,
 * bounded in number.
 */
final class IdempotencyKeys {
    record Key(long accountId, String key) {}

    record Entry(long accountId, String key, long fingerprint, CommandResult result, long atMillis) {}

    private final long windowMillis;
    private final int capacity;
    private final Map<Key, Entry> entries = new HashMap<>();
    /** Oldest first (log time never goes back). */
    private final ArrayDeque<Entry> byAge = new ArrayDeque<>();

    IdempotencyKeys(long windowMillis, int capacity) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
    }

    Entry find(long accountId, String key) {
        return entries.get(new Key(accountId, key));
    }

    /** Forgets what is older than the window; true when there is still no room for another key. */
    boolean isFull(long nowMillis) {
        long cutoff = nowMillis - windowMillis;
        while (!byAge.isEmpty() && byAge.peekFirst().atMillis() < cutoff) {
            Entry expired = byAge.pollFirst();
            entries.remove(new Key(expired.accountId(), expired.key()));
        }
        return entries.size() >= capacity;
    }

    void remember(Entry entry) {
        entries.put(new Key(entry.accountId(), entry.key()), entry);
        byAge.addLast(entry);
    }

    /** Oldest first: the snapshot order. */
    List<Entry> oldestFirst() {
        return List.copyOf(byAge);
    }
}
