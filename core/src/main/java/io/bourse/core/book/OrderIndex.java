package io.bourse.core.book;

import java.util.Arrays;

/**
 * Order id → resting order, for one book: open addressing with linear probing and a Fibonacci
 * hash, deleting by shifting later entries back (no tombstones). Written for the book's hot path,
 * where a general-purpose map's hashing of sequential ids measured noticeably slower.
 */
final class OrderIndex {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[1024];
    private BookOrder[] values = new BookOrder[1024];
    private int shift = 64 - 10;
    private int size;

    int size() {
        return size;
    }

    BookOrder get(long orderId) {
        long[] k = keys;
        BookOrder[] v = values;
        int mask = k.length - 1;
        for (int i = slot(orderId); ; i = (i + 1) & mask) {
            BookOrder order = v[i];
            if (order == null || k[i] == orderId) {
                return order;
            }
        }
    }

    boolean containsKey(long orderId) {
        return get(orderId) != null;
    }

    void put(long orderId, BookOrder order) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = slot(orderId);
        while (values[i] != null) {
            if (keys[i] == orderId) {
                values[i] = order;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = orderId;
        values[i] = order;
        size++;
    }

    BookOrder remove(long orderId) {
        int mask = keys.length - 1;
        int i = slot(orderId);
        while (values[i] != null && keys[i] != orderId) {
            i = (i + 1) & mask;
        }
        BookOrder removed = values[i];
        if (removed == null) {
            return null;
        }
        // Shift back every later entry of the run that may now sit before its home slot.
        int gap = i;
        for (int j = (i + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j]);
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = keys[j];
                values[gap] = values[j];
                gap = j;
            }
        }
        values[gap] = null;
        size--;
        return removed;
    }

    private int slot(long orderId) {
        return (int) ((orderId * GOLDEN) >>> shift);
    }

    private void grow() {
        long[] oldKeys = keys;
        BookOrder[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new BookOrder[oldValues.length * 2];
        shift--;
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldValues[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
        Arrays.fill(oldValues, null);
    }
}
