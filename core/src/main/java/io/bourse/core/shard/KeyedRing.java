package io.bourse.core.shard;

/**
 * A {@link HistoryRing} of records, oldest first, each keyed by (account, string key) and found
 * by that key through a {@link RecordNumberTable}. Field {@link #ACCOUNT} of every record holds
 * its account; the owner lays out the fields from {@link #FIRST_FIELD_KEEPING_KEYS} or
 * {@link #FIRST_FIELD_KEEPING_DIGESTS} on. Records are
 * numbered from the oldest, numbers only growing, which is what the table stores.
 *
 * <p>A ring either keeps each key's text ({@link #keepingKeys}: its owner needs it back), packed
 * into {@link PackedText#FIELDS} fields of the record, or only its {@link KeyDigest}, in two.
 * Kept records are rows of longs in a few long-lived arrays, not objects: a busy shard keeps one
 * per order (ended orders' client order ids) or per command (idempotency keys), and as objects
 * they were most of its live heap, copied by every young collection until promoted and traced by
 * every full one. Neither form leaves an object behind a record; the digest takes a quarter of the
 * packed text's memory, for keys whose text is not needed back.
 *
 * <p>Single-threaded, as a shard is: a lookup notes what it seeks in fields of this ring.
 */
final class KeyedRing {
    static final int ACCOUNT = 0;
    private static final int KEY = 1;
    private static final int DIGEST_HIGH = 1;
    private static final int DIGEST_LOW = 2;
    /** The owner's first field in a ring keeping keys (after the account and the packed key). */
    static final int FIRST_FIELD_KEEPING_KEYS = KEY + PackedText.FIELDS;
    /** The owner's first field in a ring keeping digests (after the account and the digest). */
    static final int FIRST_FIELD_KEEPING_DIGESTS = 3;

    /** Unbounded here: the owner bounds it. */
    private final HistoryRing records;
    private final boolean keepsKeys;
    private final RecordNumberTable index = new RecordNumberTable(this::isSought);
    /** Number of the oldest record. */
    private long first;
    // What the lookup in progress seeks.
    private long soughtAccount;
    /** The key being appended or sought, packed. */
    private final long[] packedKey = new long[PackedText.FIELDS];
    private long soughtHigh;
    private long soughtLow;

    private KeyedRing(int ownerWidth, boolean keepsKeys) {
        this.keepsKeys = keepsKeys;
        int width = (keepsKeys ? FIRST_FIELD_KEEPING_KEYS : FIRST_FIELD_KEEPING_DIGESTS) + ownerWidth;
        records = new HistoryRing(width, Integer.MAX_VALUE / width);
    }

    /** A ring that keeps each key's text; the owner's fields are {@code ownerWidth} longs from {@link #FIRST_FIELD_KEEPING_KEYS}. */
    static KeyedRing keepingKeys(int ownerWidth) {
        return new KeyedRing(ownerWidth, true);
    }

    /** A ring that keeps only each key's digest; the owner's fields are {@code ownerWidth} longs from {@link #FIRST_FIELD_KEEPING_DIGESTS}. */
    static KeyedRing keepingDigests(int ownerWidth) {
        return new KeyedRing(ownerWidth, false);
    }

    int size() {
        return records.size();
    }

    /** Adds the newest record under its key (which must not be there; a ring keeping keys); returns its slot for the owner's fields. */
    int append(long accountId, String key) {
        if (!keepsKeys) {
            throw new IllegalStateException("this ring keeps digests, not keys");
        }
        PackedText.pack(key, packedKey);
        int at = appendRecord(accountId);
        PackedText.write(records, at, KEY, packedKey);
        return indexed(at, RecordNumberTable.hash(accountId, PackedText.hash(packedKey)));
    }

    /** Adds the newest record under a key known only by its digest (a ring keeping digests only). */
    int append(long accountId, KeyDigest digest) {
        if (keepsKeys) {
            throw new IllegalStateException("this ring keeps keys, not digests");
        }
        int at = appendRecord(accountId);
        records.set(at, DIGEST_HIGH, digest.high());
        records.set(at, DIGEST_LOW, digest.low());
        return indexed(at, RecordNumberTable.hash(accountId, digest.high()));
    }

    private int appendRecord(long accountId) {
        int at = records.append();
        records.set(at, ACCOUNT, accountId);
        return at;
    }

    /** Enters the newest record, at {@code at}, in the table under {@code hash} (what {@link #hashAt} will read back). */
    private int indexed(int at, long hash) {
        index.add(hash, first + size() - 1, size());
        return at;
    }

    /** The slot of the record under this key, or -1 (a ring keeping keys). */
    int find(long accountId, String key) {
        if (!keepsKeys) {
            throw new IllegalStateException("this ring keeps digests: look keys up by their digest");
        }
        if (!PackedText.tryPack(key, packedKey)) {
            return -1; // a key that cannot be packed was never kept
        }
        soughtAccount = accountId;
        long number = index.find(RecordNumberTable.hash(accountId, PackedText.hash(packedKey)), first);
        return number < 0 ? -1 : slotOf(number);
    }

    /** The slot of the record under the key with this digest, or -1 (a ring keeping digests). */
    int find(long accountId, KeyDigest digest) {
        if (keepsKeys) {
            throw new IllegalStateException("this ring keeps keys: look them up by their text");
        }
        soughtAccount = accountId;
        soughtHigh = digest.high();
        soughtLow = digest.low();
        long number = index.find(RecordNumberTable.hash(accountId, soughtHigh), first);
        return number < 0 ? -1 : slotOf(number);
    }

    /** Forgets the oldest record (there must be one). */
    void removeOldest() {
        int at = records.slot(0);
        index.remove(hashAt(at), first);
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

    /** The key's text (a ring keeping keys). */
    String key(int slot) {
        return PackedText.read(records, slot, KEY);
    }

    /** The key's digest (a ring keeping digests). */
    KeyDigest digest(int slot) {
        return new KeyDigest(records.get(slot, DIGEST_HIGH), records.get(slot, DIGEST_LOW));
    }

    private long hashAt(int at) {
        long keyHash = keepsKeys ? PackedText.hash(records, at, KEY) : records.get(at, DIGEST_HIGH);
        return RecordNumberTable.hash(records.get(at, ACCOUNT), keyHash);
    }

    private boolean isSought(long number) {
        int at = slotOf(number);
        if (records.get(at, ACCOUNT) != soughtAccount) {
            return false;
        }
        return keepsKeys ? PackedText.matches(records, at, KEY, packedKey)
                : records.get(at, DIGEST_HIGH) == soughtHigh && records.get(at, DIGEST_LOW) == soughtLow;
    }

    private int slotOf(long number) {
        return records.slot((int) (number - first));
    }
}
