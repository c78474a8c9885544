package io.bourse.engine.feed;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.shard.ShardEvent;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
        BinaryWriter encoded = new BinaryWriter(96);
        EventCodec.write(encoded, event);
        byte[] record = encoded.toByteArray();
        lock.lock();
        try {
            int at = (int) (written % bytes.length);
            if (at + record.length > bytes.length) {
                written += bytes.length - at;
                at = 0;
            }
            System.arraycopy(record, 0, bytes, at, record.length);
            int slot = (int) (next % starts.length);
            starts[slot] = written;
            lengths[slot] = record.length;
            written += record.length;
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
     * for the first. A reader in another epoch, or too far behind, gets a reset batch: it should
     * reload state, then continue after the batch's {@code lastSequence}.
     */
    public FeedBatch read(long epoch, long after, int max, long waitMillis) throws InterruptedException {
        lock.lock();
        try {
            if (epoch != this.epoch || after >= next || after < oldestRetained() - 1) {
                return FeedBatch.reset(this.epoch, next - 1);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            long startEpoch = this.epoch;
            while (after == next - 1) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return new FeedBatch(this.epoch, false, after, List.of());
                }
                appended.awaitNanos(remaining);
                if (this.epoch != startEpoch) {
                    return FeedBatch.reset(this.epoch, next - 1);
                }
            }
            long last = Math.min(next - 1, after + max);
            List<ShardEvent> events = new ArrayList<>((int) (last - after));
            for (long sequence = after + 1; sequence <= last; sequence++) {
                int slot = (int) (sequence % starts.length);
                events.add(EventCodec.read(new BinaryReader(bytes, (int) (starts[slot] % bytes.length), lengths[slot])));
            }
            return new FeedBatch(this.epoch, false, last, events);
        } finally {
            lock.unlock();
        }
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
