package io.bourse.core.shard;

import java.util.Arrays;

/**
 * A bounded first-in, first-out ring of records, each a fixed number of longs; at the bound,
 * adding a record forgets the oldest, and the oldest can be removed at any time. It starts small
 * and grows to its bound. Text goes in as {@link PackedText}.
 *
 * <p>Why not a deque of record objects: history lives for a long time, and every record object
 * kept is one more object the garbage collector copies out of the young generation and traces
 * ever after. Measured on the engine benchmark, the shards' histories were half of the live heap,
 * and young collections copying them paused the engine for up to a second. Records written into
 * a long-lived array allocate nothing.
 *
 * <p>Why in chunks: a ring doubling one array copied every record it held and, for a moment, held
 * both arrays. A shard's ring of remembered client order ids reaches millions of records (tens to
 * hundreds of megabytes), and since every replica of every shard grows alike, they all doubled in
 * the same second (the likely cause of a window of 400 ms latencies, 650 MB promoted at once, in a
 * soak run; the window did not recur with chunks).
 * A small ring (an account's history) still doubles within one array; past {@code chunkRecords}
 * records the ring grows a chunk at a time, copying at most one chunk's records.
 */
final class HistoryRing {
    private static final int FIRST_CAPACITY = 8;
    /** Records per chunk once a ring outgrows one: 4,096 (a few hundred kilobytes at the widths used). */
    static final int DEFAULT_CHUNK_SHIFT = 12;

    private final int width;
    private final int bound;
    private final int chunkShift;
    private final int chunkRecords;
    private final int chunkMask;
    /** The records; while the ring is smaller than one chunk, a single array of its capacity. */
    private long[][] longs;
    /**
     * That single array while there is only one, else null. An account's rings never outgrow one
     * chunk, and they are written once each, cold, thousands of commands apart: reading the record
     * straight from this field saves a dependent cache miss (the array of chunks) on each access.
     * Profiled on the engine benchmark (two alternating pairs, the same million orders), the apply
     * threads' samples in account histories fell by a fifth (4,670 / 4,974 to 3,792 / 3,892).
     */
    private long[] single;
    private int capacity;
    /** Slot of the oldest record. */
    private int start;
    private int size;

    HistoryRing(int width, int bound) {
        this(width, bound, DEFAULT_CHUNK_SHIFT);
    }

    /** With chunks of {@code 2^chunkShift} records (tests use small ones). */
    HistoryRing(int width, int bound, int chunkShift) {
        if (width < 1 || bound < 1) {
            throw new IllegalArgumentException("width and bound must be positive");
        }
        if (chunkShift < 1 || chunkShift > 20) {
            throw new IllegalArgumentException("chunks of 2 to 2^20 records");
        }
        this.width = width;
        this.bound = bound;
        this.chunkShift = chunkShift;
        this.chunkRecords = 1 << chunkShift;
        this.chunkMask = chunkRecords - 1;
        this.capacity = Math.min(Math.min(FIRST_CAPACITY, chunkRecords), bound);
        this.single = new long[capacity * width];
        this.longs = new long[][] {single};
    }

    int size() {
        return size;
    }

    /** Makes room for one more record, the newest, forgetting the oldest at the bound; returns its slot. */
    int append() {
        if (size == bound) {
            removeOldest();
        } else if (size == capacity) {
            grow();
        }
        int slot = (start + size) % capacity;
        size++;
        return slot;
    }

    /** Forgets the oldest record (there must be one). */
    void removeOldest() {
        if (size == 0) {
            throw new IllegalStateException("the ring is empty");
        }
        start = (start + 1) % capacity;
        size--;
    }

    /** The slot of the i-th oldest record (0 is the oldest). */
    int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return (start + i) % capacity;
    }

    long get(int slot, int field) {
        long[] records = single;
        return records != null ? records[slot * width + field] : longs[slot >>> chunkShift][(slot & chunkMask) * width + field];
    }

    void set(int slot, int field, long value) {
        long[] records = single;
        if (records != null) {
            records[slot * width + field] = value;
        } else {
            longs[slot >>> chunkShift][(slot & chunkMask) * width + field] = value;
        }
    }

    /** Room for at least one more record; only called when the ring is full and below its bound. */
    private void grow() {
        if (capacity < chunkRecords) {
            relayInOneArray(Math.min(bound, Math.min(chunkRecords, capacity * 2)));
        } else {
            insertChunk();
        }
    }

    /** Re-lays the records oldest first in one bigger array (a ring still smaller than a chunk). */
    private void relayInOneArray(int newCapacity) {
        long[] newLongs = new long[newCapacity * width];
        int firstPart = capacity - start; // from the oldest to the end of the array, then from its start
        System.arraycopy(longs[0], start * width, newLongs, 0, firstPart * width);
        System.arraycopy(longs[0], 0, newLongs, firstPart * width, start * width);
        longs = new long[][] {newLongs};
        single = newLongs;
        capacity = newCapacity;
        start = 0;
    }

    /**
     * Adds an empty chunk's worth of slots right after the newest record, before the oldest, so that
     * no record but those sharing the oldest's chunk moves. The full ring runs from {@code start} to
     * {@code start - 1}: a chunk is inserted after the one holding {@code start}, and the oldest
     * records of that chunk (from {@code start}'s offset to its end) move to the same offsets in the
     * new chunk; the freed slots then follow the newest record, and the oldest is a chunk further on.
     */
    private void insertChunk() {
        int startChunk = start >>> chunkShift;
        int offset = start & chunkMask;
        long[] newLongs = new long[chunkRecords * width];
        // The oldest at the start of its chunk (slot 0 included): the new chunk goes right before it,
        // nothing moves. Otherwise right after it, taking over the oldest records of the shared chunk.
        int at = offset == 0 ? startChunk : startChunk + 1;
        longs = insertChunk(longs, at, newLongs);
        single = null;
        if (offset != 0) {
            System.arraycopy(longs[startChunk], offset * width, newLongs, offset * width, (chunkRecords - offset) * width);
        }
        start += chunkRecords;
        capacity += chunkRecords;
    }

    private static long[][] insertChunk(long[][] chunks, int at, long[] chunk) {
        long[][] grown = Arrays.copyOf(chunks, chunks.length + 1);
        System.arraycopy(chunks, at, grown, at + 1, chunks.length - at);
        grown[at] = chunk;
        return grown;
    }

    @Override
    public String toString() {
        return "HistoryRing[" + size + " of " + bound + " records]";
    }
}
