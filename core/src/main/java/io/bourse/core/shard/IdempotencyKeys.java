package io.bourse.core.shard;

import io.bourse.core.order.RejectReason;
import java.util.ArrayList;
import java.util.List;

/**
 * (account, idempotency key) → the fingerprint of the request first sent under it and the result
 * it got, so a retry — through any gateway, after any failover — gets that result back instead of
 * acting twice. Part of the replicated state; remembered for the idempotency window of log time,
 * bounded in number.
 *
 * <p>Packed: each record is a row of longs in a {@link HistoryRing} (oldest first, as they expire)
 * beside its key string, found through a {@link RecordNumberTable}. A busy shard remembers one per
 * command for a day; as objects (an entry, its map key, the map's node, the result) they were most
 * of what an order-entry load left on the heap, six objects a record that young collections copied
 * until promoted. Now a record allocates nothing but the key its command already carried.
 */
final class IdempotencyKeys {
    record Entry(long accountId, String key, long fingerprint, CommandResult result, long atMillis) {}

    private static final int ACCOUNT = 0;
    private static final int FINGERPRINT = 1;
    /** The result's outcome (low byte) and reject reason's ordinal + 1 (next byte; 0 for none). */
    private static final int OUTCOME = 2;
    private static final int RESULT_ID = 3;
    private static final int AT = 4;
    private static final int WIDTH = 5;

    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    private final long windowMillis;
    private final int capacity;
    /** Unbounded here: {@link #isFull} bounds it. */
    private final HistoryRing records = new HistoryRing(WIDTH, Integer.MAX_VALUE / WIDTH, true);
    private final RecordNumberTable index = new RecordNumberTable(this::hasKey);
    /** Record number of the oldest record; numbers only grow. */
    private long first;

    IdempotencyKeys(long windowMillis, int capacity) {
        this.windowMillis = windowMillis;
        this.capacity = capacity;
    }

    int size() {
        return records.size();
    }

    Entry find(long accountId, String key) {
        long number = index.find(accountId, key, first);
        return number < 0 ? null : entryAt(slotOf(number));
    }

    /** Forgets what is older than the window; true when there is still no room for another key. */
    boolean isFull(long nowMillis) {
        long cutoff = nowMillis - windowMillis;
        while (size() > 0 && records.get(records.slot(0), AT) < cutoff) {
            removeOldest();
        }
        return size() >= capacity;
    }

    /** Remembers a key; log time never goes back, so records stay oldest first. */
    void remember(Entry entry) {
        CommandResult result = entry.result();
        int at = records.append();
        records.set(at, ACCOUNT, entry.accountId());
        records.set(at, FINGERPRINT, entry.fingerprint());
        records.set(at, OUTCOME, result.outcome().ordinal() | (result.reason() == null ? 0 : result.reason().ordinal() + 1) << 8);
        records.set(at, RESULT_ID, result.id());
        records.set(at, AT, entry.atMillis());
        records.setString(at, entry.key());
        index.add(entry.accountId(), entry.key(), first + size() - 1, size());
    }

    /** Oldest first: the snapshot order. */
    List<Entry> oldestFirst() {
        List<Entry> entries = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            entries.add(entryAt(records.slot(i)));
        }
        return entries;
    }

    private void removeOldest() {
        int at = records.slot(0);
        index.remove(records.get(at, ACCOUNT), records.string(at), first);
        records.removeOldest();
        first++;
    }

    private Entry entryAt(int at) {
        int outcome = (int) records.get(at, OUTCOME);
        int reason = outcome >>> 8 & 0xFF;
        CommandResult result = new CommandResult(OUTCOMES[outcome & 0xFF], reason == 0 ? null : REASONS[reason - 1],
                records.get(at, RESULT_ID));
        return new Entry(records.get(at, ACCOUNT), records.string(at), records.get(at, FINGERPRINT), result, records.get(at, AT));
    }

    private boolean hasKey(long number, long accountId, String key) {
        int at = slotOf(number);
        return records.get(at, ACCOUNT) == accountId && records.string(at).equals(key);
    }

    private int slotOf(long number) {
        return records.slot((int) (number - first));
    }
}
