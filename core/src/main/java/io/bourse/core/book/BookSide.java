package io.bourse.core.book;

import java.util.Arrays;

/**
 * The price levels of one side of a book, in an array sorted from worst to best price, so the
 * best level is the last element. New and emptied levels cluster near the best price, where
 * inserting or removing moves few elements; finding a level is a binary search.
 */
final class BookSide {
    private final boolean bids;
    private PriceLevel[] levels = new PriceLevel[64];
    private int size;

    BookSide(boolean bids) {
        this.bids = bids;
    }

    PriceLevel best() {
        return size == 0 ? null : levels[size - 1];
    }

    /** The i-th best level (0 = best), or null past the last. */
    PriceLevel fromBest(int i) {
        return i < size ? levels[size - 1 - i] : null;
    }

    int levelCount() {
        return size;
    }

    PriceLevel levelAt(long priceTicks) {
        int index = search(priceTicks);
        return index >= 0 ? levels[index] : null;
    }

    PriceLevel levelAtOrCreate(long priceTicks) {
        int index = search(priceTicks);
        if (index >= 0) {
            return levels[index];
        }
        int insertAt = -index - 1;
        if (size == levels.length) {
            levels = Arrays.copyOf(levels, size * 2);
        }
        System.arraycopy(levels, insertAt, levels, insertAt + 1, size - insertAt);
        PriceLevel level = new PriceLevel(priceTicks);
        levels[insertAt] = level;
        size++;
        return level;
    }

    void remove(PriceLevel level) {
        int index = level == best() ? size - 1 : search(level.priceTicks);
        System.arraycopy(levels, index + 1, levels, index, size - index - 1);
        levels[--size] = null;
    }

    /** Ranks prices so that a better price ranks higher: bids by price, asks by negated price. */
    private long rank(long priceTicks) {
        return bids ? priceTicks : -priceTicks;
    }

    /** Binary search by rank; returns the index, or -(insertion point) - 1. Searches from the best end first. */
    private int search(long priceTicks) {
        long target = rank(priceTicks);
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long middleRank = rank(levels[middle].priceTicks);
            if (middleRank < target) {
                low = middle + 1;
            } else if (middleRank > target) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }
}
