package io.bourse.engine.feed;

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
 */
public final class EventFeed implements ShardEvent.Sink {
    private static final SecureRandom EPOCHS = new SecureRandom();

    private final ShardEvent[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long epoch = newEpoch();
    /** The sequence the next event gets. */
    private long next = 1;

    public EventFeed(int capacity) {
        this.ring = new ShardEvent[capacity];
    }

    @Override
    public void accept(ShardEvent event) {
        lock.lock();
        try {
            ring[(int) (next % ring.length)] = event;
            next++;
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
            java.util.Arrays.fill(ring, null);
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
                events.add(ring[(int) (sequence % ring.length)]);
            }
            return new FeedBatch(this.epoch, false, last, events);
        } finally {
            lock.unlock();
        }
    }

    private long oldestRetained() {
        return Math.max(1, next - ring.length);
    }

    private static long newEpoch() {
        long epoch;
        do {
            epoch = EPOCHS.nextLong();
        } while (epoch == 0);
        return epoch;
    }
}
