package io.bourse.core.shard;

/**
 * A bounded first-in, first-out ring of records, each a fixed number of longs and, optionally,
 * one string; at the bound, adding a record forgets the oldest, and the oldest can be removed at
 * any time. It starts small and grows to its bound.
 *
 * <p>Why not a deque of record objects: history lives for a long time, and every record object
 * kept is one more object the garbage collector copies out of the young generation and traces
 * ever after. Measured on the engine benchmark, the shards' histories were half of the live heap,
 * and young collections copying them paused the engine for up to a second. Records written into
 * a long-lived array allocate nothing.
 */
final class HistoryRing {
    private static final int FIRST_CAPACITY = 8;

    private final int width;
    private final int bound;
    private final boolean withStrings;
    private long[] longs;
    private String[] strings;
    /** Physical index of the oldest record. */
    private int start;
    private int size;

    HistoryRing(int width, int bound, boolean withStrings) {
        if (width < 1 || bound < 1) {
            throw new IllegalArgumentException("width and bound must be positive");
        }
        this.width = width;
        this.bound = bound;
        this.withStrings = withStrings;
        int capacity = Math.min(FIRST_CAPACITY, bound);
        this.longs = new long[capacity * width];
        this.strings = withStrings ? new String[capacity] : null;
    }

    int size() {
        return size;
    }

    /** Makes room for one more record, the newest, forgetting the oldest at the bound; returns its slot. */
    int append() {
        int capacity = capacity();
        if (size == bound) {
            int slot = start;
            start = (start + 1) % capacity;
            return slot;
        }
        if (size == capacity) {
            grow(Math.min(bound, capacity * 2));
            capacity = capacity();
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
        if (withStrings) {
            strings[start] = null;
        }
        start = (start + 1) % capacity();
        size--;
    }

    /** The slot of the i-th oldest record (0 is the oldest). */
    int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return (start + i) % capacity();
    }

    long get(int slot, int field) {
        return longs[slot * width + field];
    }

    void set(int slot, int field, long value) {
        longs[slot * width + field] = value;
    }

    String string(int slot) {
        return strings[slot];
    }

    void setString(int slot, String value) {
        if (!withStrings) {
            throw new IllegalStateException("this ring keeps no strings");
        }
        strings[slot] = value;
    }

    private int capacity() {
        return longs.length / width;
    }

    /** Re-lays the records oldest first in bigger arrays. */
    private void grow(int newCapacity) {
        long[] newLongs = new long[newCapacity * width];
        String[] newStrings = withStrings ? new String[newCapacity] : null;
        for (int i = 0; i < size; i++) {
            int from = slot(i);
            System.arraycopy(longs, from * width, newLongs, i * width, width);
            if (withStrings) {
                newStrings[i] = strings[from];
            }
        }
        longs = newLongs;
        strings = newStrings;
        start = 0;
    }

    @Override
    public String toString() {
        return "HistoryRing[" + size + " of " + bound + " records]";
    }
}
