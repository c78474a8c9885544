package io.bourse.engine.feed;

import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.shard.ShardEvent;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

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
 */
public final class EventFeed implements ShardEvent.Sink {
    private static final SecureRandom EPOCHS = new SecureRandom();

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

    /**
     * @param capacity events held at most
     * @param byteCapacity bytes of encoded events held at most (an event takes 30 to 100)
     */
    public EventFeed(int capacity, int byteCapacity) {
        this.bytes = new byte[byteCapacity];
        this.starts = new long[capacity];
        this.lengths = new int[capacity];
    }

    @Override
    public void accept(ShardEvent event) {
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
            epoch = newEpoch();
            next = 1;
            oldest = 1;
            written = 0;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
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
            if (epoch != this.epoch || after >= next || after < oldestRetained() - 1) {
                return batch(this.epoch, true, next - 1, 0);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            long startEpoch = this.epoch;
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
