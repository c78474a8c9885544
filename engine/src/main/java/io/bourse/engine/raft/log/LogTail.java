package io.bourse.engine.raft.log;

import com.alipay.sofa.jraft.entity.LogEntry;

/**
 * The most recent entries of one Raft log, in memory: a run of consecutive indexes, bounded in
 * count and in bytes, the oldest dropped first. Entries are shared, never copied, as SOFAJRaft's
 * own in-memory log shares them (readers slice the data).
 */
final class LogTail {
    private final LogEntry[] ring;
    private final long[] sizes;
    private final long maxBytes;
    /** Index of the oldest entry held; meaningful only when {@code count > 0}. */
    private long firstIndex;
    private int head;
    private int count;
    private long bytes;

    LogTail(int maxEntries, long maxBytes) {
        this.ring = new LogEntry[maxEntries];
        this.sizes = new long[maxEntries];
        this.maxBytes = maxBytes;
    }

    synchronized LogEntry get(long index) {
        if (count == 0 || index < firstIndex || index >= firstIndex + count) {
            return null;
        }
        return ring[slot(index)];
    }

    /** Adds the entry after the last one; an entry that does not follow on replaces what it overlaps, or starts the run again. */
    synchronized void append(LogEntry entry) {
        long index = entry.getId().getIndex();
        if (count > 0 && index >= firstIndex && index < firstIndex + count) {
            truncateSuffix(index - 1);
        }
        if (count > 0 && index != firstIndex + count) {
            clear();
        }
        if (count == 0) {
            firstIndex = index;
            head = 0;
        }
        if (count == ring.length) {
            dropOldest();
        }
        int slot = (head + count) % ring.length;
        long size = entry.getData() == null ? 0 : entry.getData().remaining();
        ring[slot] = entry;
        sizes[slot] = size;
        count++;
        bytes += size;
        while (bytes > maxBytes && count > 1) {
            dropOldest();
        }
    }

    /** Forgets every entry after {@code lastIndexKept}. */
    synchronized void truncateSuffix(long lastIndexKept) {
        while (count > 0 && firstIndex + count - 1 > lastIndexKept) {
            int slot = (head + count - 1) % ring.length;
            bytes -= sizes[slot];
            ring[slot] = null;
            count--;
        }
    }

    /** Forgets every entry before {@code firstIndexKept}. */
    synchronized void truncatePrefix(long firstIndexKept) {
        while (count > 0 && firstIndex < firstIndexKept) {
            dropOldest();
        }
    }

    synchronized void clear() {
        java.util.Arrays.fill(ring, null);
        count = 0;
        bytes = 0;
        head = 0;
    }

    private void dropOldest() {
        bytes -= sizes[head];
        ring[head] = null;
        head = (head + 1) % ring.length;
        firstIndex++;
        count--;
    }

    private int slot(long index) {
        return (int) ((head + (index - firstIndex)) % ring.length);
    }
}
