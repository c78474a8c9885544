package io.bourse.core.shard;

/**
 * Finds records of a packed queue (a {@link HistoryRing} whose records are numbered from the
 * oldest, numbers only growing) by the hash of their key, without reading a record unless it may
 * be the one.
 *
 * <p>Open addressing, linear probing, at most half full; 0 is an empty slot. A slot holds a
 * record's fingerprint (the upper half of its key's hash, top bit set so a slot is never 0) over
 * the low 32 bits of its record number + 1 (live numbers are less than 2^31 apart, so those bits
 * say which). A record's home slot comes from its fingerprint too: probing, inserting, deleting and
 * rehashing read only the table, and a record is read only when its fingerprint matches. Lookups
 * of keys that are almost never there (a new client order id, a new idempotency key) then cost no
 * cache misses in the records.
 */
final class RecordNumberTable {
    /** The owner's records, read to confirm a fingerprint's match against the key being looked for. */
    interface Records {
        boolean isSought(long number);
    }

    private final Records records;
    private long[] table = new long[32];

    RecordNumberTable(Records records) {
        this.records = records;
    }

    /** Adds a record whose key hashes to {@code hash}, the table holding {@code size} records with it. */
    void add(long hash, long number, int size) {
        if (size * 2 > table.length) {
            rehash(table.length * 2);
        }
        insert(slotValue(fingerprint(hash), number));
    }

    /**
     * The number of the record the owner is looking for (its key hashing to {@code hash}), or -1.
     *
     * @param first the number of the oldest record
     */
    long find(long hash, long first) {
        int fingerprint = fingerprint(hash);
        int mask = table.length - 1;
        for (int i = fingerprint & mask; table[i] != 0; i = (i + 1) & mask) {
            if ((int) (table[i] >>> 32) == fingerprint) {
                long number = numberIn(table[i], first);
                if (records.isSought(number)) {
                    return number;
                }
            }
        }
        return -1;
    }

    /** Removes a record whose key hashes to {@code hash}, closing the gap so every other record stays reachable. */
    void remove(long hash, long number) {
        int mask = table.length - 1;
        long wanted = (number + 1) & 0xFFFF_FFFFL;
        int hole = fingerprint(hash) & mask;
        while ((table[hole] & 0xFFFF_FFFFL) != wanted) {
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = (int) (table[j] >>> 32) & mask;
            // The entry at j may move into the hole unless its home lies cyclically in (hole, j].
            boolean staysPut = hole <= j ? hole < home && home <= j : hole < home || home <= j;
            if (!staysPut) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    /** A well-mixed hash of a record's account and some hash of its key. */
    static long hash(long accountId, long keyHash) {
        long h = accountId * 0x9E3779B97F4A7C15L ^ keyHash;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        return h;
    }

    private static int fingerprint(long hash) {
        return (int) (hash >>> 32) | Integer.MIN_VALUE;
    }

    private static long slotValue(int fingerprint, long number) {
        return (long) fingerprint << 32 | (number + 1) & 0xFFFF_FFFFL;
    }

    /** The record number a slot holds: the one whose low 32 bits (+ 1) match, at or after the oldest. */
    private static long numberIn(long slotValue, long first) {
        long low = (slotValue - (first + 1)) & 0xFFFF_FFFFL;
        return first + low;
    }

    private void insert(long slotValue) {
        int mask = table.length - 1;
        int i = (int) (slotValue >>> 32) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slotValue;
    }

    private void rehash(int length) {
        long[] old = table;
        table = new long[length];
        for (long slotValue : old) {
            if (slotValue != 0) {
                insert(slotValue);
            }
        }
    }
}
