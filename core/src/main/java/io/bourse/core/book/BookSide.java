package io.bourse.core.book;

import java.util.Arrays;

/**
 * The price levels of one side of a book, in arrays sorted from worst to best price, so the best
 * level is the last element. New and emptied levels cluster near the best price, where inserting
 * or removing moves few elements. Finding a level is a binary search over a parallel array of
 * ranks (plain longs, not pointers), which stays in cache.
 */
final class BookSide {
    private final boolean bids;
    private PriceLevel[] levels = new PriceLevel[64];
    /** rank(levels[i].priceTicks), kept in step with {@code levels}. */
    private long[] ranks = new long[64];
    private int size;
    /**
     * The few levels most recently created or removed, by price: what a command has just changed is
     * what it publishes next, and finding those again here skips a binary search. An entry is kept
     * true: a removed level stays cached as "nothing rests here" until a level is created at its price,
     * which replaces it.
     */
    private final PriceLevel[] recent = new PriceLevel[4];
    /** Their prices, apart, so looking one up reads one small array instead of four objects. */
    private final long[] recentPrices = new long[4];
    private final boolean[] recentRemoved = new boolean[4];
    private int recentNext;

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

    /** The level at a price, or null when nothing rests there. */
    PriceLevel levelAt(long priceTicks) {
        int i = recentIndex(priceTicks);
        if (i >= 0) {
            return recentRemoved[i] ? null : recent[i];
        }
        int index = search(rank(priceTicks));
        return index >= 0 ? levels[index] : null;
    }

    /** The level at a price if it is a recent one and still rests; null when unknown or removed. */
    private PriceLevel levelAtIfRecent(long priceTicks) {
        int i = recentIndex(priceTicks);
        return i >= 0 && !recentRemoved[i] ? recent[i] : null;
    }

    private int recentIndex(long priceTicks) {
        for (int i = 0; i < recent.length; i++) {
            if (recentPrices[i] == priceTicks && recent[i] != null) {
                return i;
            }
        }
        return -1;
    }

    private void remember(PriceLevel level, boolean removed) {
        int i = recentIndex(level.priceTicks);
        if (i < 0) {
            i = recentNext;
            recentNext = (recentNext + 1) % recent.length;
        }
        recent[i] = level;
        recentPrices[i] = level.priceTicks;
        recentRemoved[i] = removed;
    }

    PriceLevel levelAtOrCreate(long priceTicks) {
        PriceLevel known = levelAtIfRecent(priceTicks);
        if (known != null) {
            return known;
        }
        long rank = rank(priceTicks);
        int index = search(rank);
        if (index >= 0) {
            return levels[index];
        }
        int insertAt = -index - 1;
        if (size == levels.length) {
            levels = Arrays.copyOf(levels, size * 2);
            ranks = Arrays.copyOf(ranks, size * 2);
        }
        System.arraycopy(levels, insertAt, levels, insertAt + 1, size - insertAt);
        System.arraycopy(ranks, insertAt, ranks, insertAt + 1, size - insertAt);
        PriceLevel level = new PriceLevel(priceTicks);
        levels[insertAt] = level;
        ranks[insertAt] = rank;
        size++;
        remember(level, false);
        return level;
    }

    void remove(PriceLevel level) {
        int index = level == levels[size - 1] ? size - 1 : search(rank(level.priceTicks));
        System.arraycopy(levels, index + 1, levels, index, size - index - 1);
        System.arraycopy(ranks, index + 1, ranks, index, size - index - 1);
        levels[--size] = null;
        remember(level, true);
    }

    /** Ranks prices so that a better price ranks higher: bids by price, asks by negated price. */
    private long rank(long priceTicks) {
        return bids ? priceTicks : -priceTicks;
    }

    /**
     * Binary search by rank; returns the index, or -(insertion point) - 1.
     *
     * <p>Branch-free: each step halves the range and picks its half by arithmetic, so the loop runs
     * a fixed number of times for a given size. Which half a price lies in is a coin toss the
     * processor cannot predict, and the textbook three-way search paid a misprediction on most of
     * its steps: the book's largest single cost under the amend-heavy workload. (Written as a
     * conditional expression, the JIT compiled it to a conditional move in some JVMs and to a
     * branch in others.)
     */
    private int search(long rank) {
        long[] sorted = ranks;
        int length = size;
        if (length == 0) {
            return -1;
        }
        int base = 0;
        while (length > 1) {
            int half = length >>> 1;
            // All ones when sorted[base + half] <= rank, else zero. Ranks are prices in ticks, far
            // from overflowing a long when subtracted.
            int takeUpperHalf = ~(int) ((rank - sorted[base + half]) >> 63);
            base += half & takeUpperHalf;
            length -= half;
        }
        // sorted[base] is the last rank <= rank, or the first rank when every one is greater.
        long found = sorted[base];
        if (found == rank) {
            return base;
        }
        return -((found < rank ? base + 1 : base) + 1);
    }
}
