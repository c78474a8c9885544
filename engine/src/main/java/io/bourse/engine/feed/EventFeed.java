package io.bourse.engine.feed;

import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.shard.ShardEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * The recent events of one shard replica, for gateways to follow: a bounded ring, numbered from 1
 * within an epoch. Events are derived output, not replicated state, so each replica numbers its
 * own; the epoch changes whenever the numbering cannot be trusted to continue (a new process, a
 * snapshot installed), and a reader that sees another epoch, or has fallen out of the ring, is
 * told to resynchronize from the state instead of missing events silently.
 *
 * <p>The ring keeps events encoded, in one byte array allocated once, not as objects: kept for
 * seconds, event objects outlived young collections, were copied and promoted, then died in the
 * old generation; measured on the engine benchmark, that churn made for young pauses of up to a
 * second. An event never wraps around the end of the array: one that does not fit starts again at
 * the beginning, and the tail is skipped.
 *
 * <p>A feed nobody reads is dormant: gateways follow one replica of each shard (the leader, as
 * they start), so the other replicas' feeds would encode every event for nobody. A feed starts
 * dormant; after {@link #DORMANT_AFTER} without a read, and with no reader waiting, it goes dormant
 * again. While dormant, {@link #wanted()} is false and the shard builds no events at all. (With
 * followers no longer encoding results either, the engine benchmark's 4-shard closed loop went
 * from about 63,000 to 71,000 orders/s.) The next read wakes the feed in a new epoch: its reader
 * is told to resynchronize, as it would be on moving to this replica anyway.
 */
public final class EventFeed implements ShardEvent.Sink {
    private static final SecureRandom EPOCHS = new SecureRandom();
    /** Without a reader for this long (one leaving a long poll counts as a read), a feed goes dormant. */
    static final Duration DORMANT_AFTER = Duration.ofSeconds(60);
    /** Calls of {@link #wanted()} (a few per command) between two looks at the clock for dormancy. */
    private static final int CHECK_EVERY_ASKS = 256;

    private final byte[] bytes;
    /** Per event (by sequence modulo the capacity): where its bytes start, as a position that only grows. */
    private final long[] starts;
    private final int[] lengths;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long epoch = newEpoch();
    /** The sequence the next event gets. */
    private long next = 1;
    /** The oldest sequence still held whole. */
    private long oldest = 1;
    /** Bytes written so far (skipped tails included): where the next event's bytes go. */
    private long written;
    /** Encodes one event at a time; only the apply thread writes events. */
    private final BinaryWriter encoder = new BinaryWriter(128);
    private final LongSupplier nanoClock;
    private final long dormantAfterNanos;
    /** Written under the lock, read without it by the apply thread. */
    private volatile boolean dormant;
    private volatile long lastReadNanos;
    private volatile int readersWaiting;
    /** Apply thread only. */
    private int asksSinceCheck;

    /**
     * @param capacity events held at most
     * @param byteCapacity bytes of encoded events held at most (an event takes 30 to 100)
     */
    public EventFeed(int capacity, int byteCapacity) {
        this(capacity, byteCapacity, DORMANT_AFTER, System::nanoTime);
    }

    EventFeed(int capacity, int byteCapacity, Duration dormantAfter, LongSupplier nanoClock) {
        this.bytes = new byte[byteCapacity];
        this.starts = new long[capacity];
        this.lengths = new int[capacity];
        this.nanoClock = nanoClock;
        this.dormantAfterNanos = dormantAfter.toNanos();
        this.lastReadNanos = nanoClock.getAsLong();
        this.dormant = true; // until a first reader comes, which would be told to resynchronize anyway
    }

    /** Apply thread: false while dormant; every so many events, puts the feed to sleep if nobody has read it lately. */
    @Override
    public boolean wanted() {
        if (dormant) {
            return false;
        }
        if (++asksSinceCheck >= CHECK_EVERY_ASKS) {
            asksSinceCheck = 0;
            if (unread()) {
                lock.lock();
                try {
                    dormant = unread(); // again under the lock: a reader may have just come
                } finally {
                    lock.unlock();
                }
            }
        }
        return !dormant;
    }

    /** Readers parked in a long poll right now (for tests). */
    int readersWaiting() {
        return readersWaiting;
    }

    private boolean unread() {
        return readersWaiting == 0 && nanoClock.getAsLong() - lastReadNanos > dormantAfterNanos;
    }

    @Override
    public void accept(ShardEvent event) {
        if (dormant) {
            return;
        }
        EventCodec.write(encoder.reset(), event);
        int length = encoder.length();
        lock.lock();
        try {
            int at = (int) (written % bytes.length);
            if (at + length > bytes.length) {
                written += bytes.length - at;
                at = 0;
            }
            encoder.copyTo(bytes, at);
            int slot = (int) (next % starts.length);
            starts[slot] = written;
            lengths[slot] = length;
            written += length;
            next++;
            while (oldest < next && (oldest <= next - 1 - starts.length || starts[(int) (oldest % starts.length)] < written - bytes.length)) {
                oldest++;
            }
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The state jumped (a snapshot was installed): whatever readers had is no longer a prefix of anything. */
    public void restart() {
        lock.lock();
        try {
            startNewEpoch();
        } finally {
            lock.unlock();
        }
    }

    private void startNewEpoch() {
        epoch = newEpoch();
        next = 1;
        oldest = 1;
        written = 0;
        appended.signalAll();
    }

    /**
     * Up to {@code max} events after {@code after} in {@code epoch}, waiting up to {@code waitMillis}
     * for the first, already in the wire form of a {@link FeedBatch} ({@link EventCodec#decode}
     * reads it): the ring holds events encoded, so they are copied, never decoded and re-encoded.
     * A reader in another epoch, or too far behind, gets a reset batch: it should reload state,
     * then continue after the batch's {@code lastSequence}.
     */
    public byte[] read(long epoch, long after, int max, long waitMillis) throws InterruptedException {
        lock.lock();
        try {
            lastReadNanos = nanoClock.getAsLong();
            if (dormant) {
                dormant = false;
                startNewEpoch(); // events were not kept while asleep: whatever the reader had is stale
            }
            if (epoch != this.epoch || after >= next || after < oldestRetained() - 1) {
                return batch(this.epoch, true, next - 1, 0);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            long startEpoch = this.epoch;
            readersWaiting++;
            try {
                while (after == next - 1) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        return batch(this.epoch, false, after, 0);
                    }
                    appended.awaitNanos(remaining);
                    if (this.epoch != startEpoch) {
                        return batch(this.epoch, true, next - 1, 0);
                    }
                }
            } finally {
                readersWaiting--;
                // Leaving counts as a read: however long a poll may wait, its reader's next one (at once) finds the feed awake.
                lastReadNanos = nanoClock.getAsLong();
            }
            long last = Math.min(next - 1, after + max);
            return batch(this.epoch, false, last, (int) (last - after));
        } finally {
            lock.unlock();
        }
    }

    /** A batch on the wire: the header, then the events up to {@code last}, the last {@code count} of them. */
    private byte[] batch(long epoch, boolean reset, long last, int count) {
        int size = 0;
        for (long sequence = last - count + 1; sequence <= last; sequence++) {
            size += lengths[(int) (sequence % starts.length)];
        }
        BinaryWriter out = new BinaryWriter(32 + size);
        EventCodec.writeHeader(out, epoch, reset, last, count);
        for (long sequence = last - count + 1; sequence <= last; sequence++) {
            int slot = (int) (sequence % starts.length);
            out.writeBytes(bytes, (int) (starts[slot] % bytes.length), lengths[slot]);
        }
        return out.toByteArray();
    }

    private long oldestRetained() {
        return oldest;
    }

    private static long newEpoch() {
        long epoch;
        do {
            epoch = EPOCHS.nextLong();
        } while (epoch == 0);
        return epoch;
    }
}
