package io.bourse.core.shard;

/**
 * A {@link HistoryRing} of records, oldest first, each keyed by (account, string key) and found
 * by that key through a {@link RecordNumberTable}. Field {@link #ACCOUNT} of every record holds
 * its account; the owner lays out the other fields. Records are numbered from the oldest, numbers
 * only growing, which is what the table stores.
 *
 * <p>Kept records are rows of longs in a few long-lived arrays, not objects: a busy shard keeps
 * one per order (ended orders' client order ids) or per command (idempotency keys) for a day, and
 * as objects they were most of its live heap, copied by every young collection until promoted.
 */
final class KeyedRing {
    static final int ACCOUNT = 0;

    /** Unbounded here: the owner bounds it. */
    private final HistoryRing records;
    private final RecordNumberTable index = new RecordNumberTable(this::hasKey);
    /** Record number of the oldest record. */
    private long first;

    /** @param width longs per record, {@link #ACCOUNT} included */
    KeyedRing(int width) {
        records = new HistoryRing(width, Integer.MAX_VALUE / width, true);
    }

    int size() {
        return records.size();
    }

    /** Adds the newest record under its key (which must not be there); returns its slot for the owner's fields. */
    int append(long accountId, String key) {
        int at = records.append();
        records.set(at, ACCOUNT, accountId);
        records.setString(at, key);
        index.add(accountId, key, first + size() - 1, size());
        return at;
    }

    /** The slot of the record under this key, or -1. */
    int find(long accountId, String key) {
        long number = index.find(accountId, key, first);
        return number < 0 ? -1 : slotOf(number);
    }

    /** Forgets the oldest record (there must be one). */
    void removeOldest() {
        int at = records.slot(0);
        index.remove(records.get(at, ACCOUNT), records.string(at), first);
        records.removeOldest();
        first++;
    }

    /** The slot of the i-th oldest record (0 is the oldest). */
    int slot(int i) {
        return records.slot(i);
    }

    long get(int slot, int field) {
        return records.get(slot, field);
    }

    void set(int slot, int field, long value) {
        records.set(slot, field, value);
    }

    String key(int slot) {
        return records.string(slot);
    }

    private boolean hasKey(long number, long accountId, String key) {
        int at = slotOf(number);
        return records.get(at, ACCOUNT) == accountId && records.string(at).equals(key);
    }

    private int slotOf(long number) {
        return records.slot((int) (number - first));
    }
}
