package io.bourse.engine.raft;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.Task;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader-side batching: commands from any number of callers wait in a bounded queue and are
 * proposed to Raft together, as many as are waiting (up to a bound in count and bytes) in one log
 * entry stamped with the leader's clock. When the queue is full the caller is told at once
 * ({@link ReplicaUnavailableException.Reason#OVERLOADED}): back-pressure, never unbounded memory.
 *
 * <p>Group commit: at most a few entries are in flight (proposed, not yet committed). Every entry
 * costs the same Raft work whatever it carries (a log record and an fsync on each replica, an
 * append RPC per follower, an apply task), so under load it is cheaper to let commands gather
 * while earlier entries commit than to propose each as it comes.
 *
 * <p>There is no batching thread: whoever finds an entry slot free proposes, in queue order, under
 * one lock; the caller that queued a command (often the RPC I/O thread it arrived on), or the
 * thread completing the entry before it. Proposing never blocks (SOFAJRaft's apply only queues the
 * task), and on the machines measured a thread hand-off per entry costs more than the proposing.
 *
 * <p>Pacing: while the machine's CPU is busy, an entry is proposed no sooner than a spacing after
 * the one before ({@link EntryPacer}), unless it is full; the pacer's thread proposes it when due.
 */
final class CommandBatcher {
    private static final Logger LOG = LoggerFactory.getLogger(CommandBatcher.class);

    /**
     * A command waiting to be proposed, what to read once its entry is applied here (null: nothing),
     * and when it was queued ({@link System#nanoTime()}).
     */
    record Pending(byte[] command, Supplier<byte[]> readAfter, CompletableFuture<AppliedCommand> result, long queuedAt) {}

    private final String groupId;
    private final ArrayBlockingQueue<Pending> queue;
    private final int maxBatchCommands;
    private final int maxBatchBytes;
    private final Supplier<Node> node;
    private final Supplier<String> leader;
    private final Semaphore entriesInFlight;
    /** Held while taking commands from the queue and proposing them, so entries keep the queue's order. */
    private final ReentrantLock proposing = new ReentrantLock();
    private volatile boolean running = true;
    private final LongAdder proposedBatches = new LongAdder();
    private final LongAdder proposedCommands = new LongAdder();
    private final LongAdder refusedOverloaded = new LongAdder();
    /** Summed over proposed commands: how long each waited in the queue. */
    private final LongAdder waitedNanos = new LongAdder();
    /** Summed over entries: from proposing each to its closure (committed and applied here, or failed). */
    private final LongAdder committingNanos = new LongAdder();
    private final EntryPacer pacer;
    private final long maxSpacingNanos;
    /** When the last entry was proposed ({@link System#nanoTime()}); under {@link #proposing}. */
    private long lastProposedAt;
    private final AtomicBoolean wakeUpDue = new AtomicBoolean();

    CommandBatcher(String groupId, BatchingOptions options, Supplier<Node> node, Supplier<String> leader) {
        this(groupId, options, EntryPacer.machine(), node, leader);
    }

    CommandBatcher(String groupId, BatchingOptions options, EntryPacer pacer, Supplier<Node> node, Supplier<String> leader) {
        this.pacer = pacer;
        this.maxSpacingNanos = options.maxEntrySpacing().toNanos();
        this.lastProposedAt = System.nanoTime() - maxSpacingNanos;
        this.leader = leader;
        this.groupId = groupId;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.maxBatchCommands = options.maxBatchCommands();
        this.maxBatchBytes = options.maxBatchBytes();
        this.entriesInFlight = new Semaphore(options.maxEntriesInFlight());
        this.node = node;
    }

    CompletableFuture<byte[]> submit(byte[] command) {
        return submit(command, null).thenApply(AppliedCommand::result);
    }

    /**
     * Proposes the command; once its entry is committed and applied on this replica, runs
     * {@code readAfter} (when not null) on the apply thread, before any later entry is applied.
     */
    CompletableFuture<AppliedCommand> submit(byte[] command, Supplier<byte[]> readAfter) {
        CompletableFuture<AppliedCommand> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new ReplicaUnavailableException(ReplicaUnavailableException.Reason.STOPPING, null,
                    groupId + " is stopping"));
        } else if (!queue.offer(new Pending(command, readAfter, result, System.nanoTime()))) {
            refusedOverloaded.increment();
            result.completeExceptionally(new ReplicaUnavailableException(ReplicaUnavailableException.Reason.OVERLOADED, null,
                    groupId + " has " + queue.size() + " commands waiting; retry shortly"));
        } else {
            proposeWaiting();
        }
        return result;
    }

    /** Log entries proposed by this replica while it led. */
    long proposedBatches() {
        return proposedBatches.sum();
    }

    /** Commands in those entries. */
    long proposedCommands() {
        return proposedCommands.sum();
    }

    /**
     * Nanoseconds the proposed commands spent queued, summed: divided by {@link #proposedCommands()},
     * how long a command waits for its entry (the entry in flight, the pacer's spacing).
     */
    long waitedNanos() {
        return waitedNanos.sum();
    }

    /**
     * Nanoseconds from proposing each entry until SOFAJRaft ran its closure, summed: divided by
     * {@link #proposedBatches()}, how long an entry takes to commit on a majority and be applied here.
     */
    long committingNanos() {
        return committingNanos.sum();
    }

    /** Commands refused because the queue was full. */
    long refusedOverloaded() {
        return refusedOverloaded.sum();
    }

    /** Commands queued and not yet proposed. */
    int waiting() {
        return queue.size();
    }

    void stop() {
        running = false;
        failWaiting();
    }

    /** Fails whatever is queued: the replica is stopping. */
    private void failWaiting() {
        List<Pending> left = new ArrayList<>();
        proposing.lock();
        try {
            queue.drainTo(left);
        } finally {
            proposing.unlock();
        }
        ReplicaUnavailableException stopping = new ReplicaUnavailableException(ReplicaUnavailableException.Reason.STOPPING, null,
                groupId + " stopped");
        left.forEach(p -> p.result().completeExceptionally(stopping));
    }

    /**
     * Proposes waiting commands while an entry slot is free. Nothing is left behind: a thread that
     * finds the lock taken leaves the queue to its holder, who looks at the queue again after
     * letting go; a holder that finds no slot free looks again after letting go of the lock, in
     * case one was freed meanwhile, and otherwise leaves the queue to the entry in flight, whose
     * completion frees a slot and proposes.
     */
    private void proposeWaiting() {
        if (!running) {
            failWaiting(); // queued just as the replica stopped
            return;
        }
        while (running && !queue.isEmpty()) {
            if (!proposing.tryLock()) {
                return;
            }
            boolean proposed = false;
            try {
                if (entriesInFlight.tryAcquire()) {
                    long wait = pacer.spacingNanos(maxSpacingNanos) - (System.nanoTime() - lastProposedAt);
                    if (wait > 0 && queue.size() < maxBatchCommands) {
                        entriesInFlight.release();
                        wakeUpWhenDue(wait);
                        return;
                    }
                    proposed = true;
                    lastProposedAt = System.nanoTime();
                    proposeBatch();
                }
            } finally {
                proposing.unlock();
            }
            if (!proposed && entriesInFlight.availablePermits() == 0) {
                return;
            }
        }
    }

    /**
     * The next entry is not due yet: the pacer's thread looks at the queue again once it is. One
     * wake-up is pending at a time, and it covers whatever is queued before it runs. It waits for
     * the lock's holder before looking: a holder that decided to wait while this wake-up was
     * already starting relied on it, and must have let go before the wake-up looks (or it would
     * find the lock taken and leave, and the queue would be nobody's).
     */
    private void wakeUpWhenDue(long waitNanos) {
        if (wakeUpDue.compareAndSet(false, true)) {
            pacer.wakeAfter(waitNanos, () -> {
                wakeUpDue.set(false);
                proposing.lock();
                proposing.unlock();
                proposeWaiting();
            });
        }
    }

    /** Takes what is waiting, up to the bounds, and proposes it as one entry; holds an entry slot, which the entry's closure frees. */
    private void proposeBatch() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatchCommands));
        int bytes = 0;
        Pending next;
        while (batch.size() < maxBatchCommands && bytes < maxBatchBytes && (next = queue.poll()) != null) {
            batch.add(next);
            bytes += next.command().length;
        }
        if (batch.isEmpty()) {
            entriesInFlight.release();
            return;
        }
        List<byte[]> commands = new ArrayList<>(batch.size());
        long proposedAt = System.nanoTime();
        long waited = 0;
        for (Pending pending : batch) {
            commands.add(pending.command());
            waited += proposedAt - pending.queuedAt();
        }
        try {
            byte[] entry = LogBatch.encode(System.currentTimeMillis(), commands);
            proposedBatches.increment();
            proposedCommands.add(commands.size());
            waitedNanos.add(waited);
            node.get().apply(new Task(ByteBuffer.wrap(entry), new BatchClosure(groupId, batch, leader, () -> entryDone(proposedAt))));
        } catch (RuntimeException e) {
            // SOFAJRaft did not take the entry, so no closure will free its slot.
            entriesInFlight.release();
            failAll(batch, new ReplicaUnavailableException(ReplicaUnavailableException.Reason.FAILED, null, e.toString()));
        }
    }

    /** An entry committed or failed: its slot is free for the commands that gathered meanwhile. */
    private void entryDone(long proposedAt) {
        committingNanos.add(System.nanoTime() - proposedAt);
        entriesInFlight.release();
        proposeWaiting();
    }

    private static void failAll(List<Pending> batch, RuntimeException failure) {
        batch.forEach(p -> p.result().completeExceptionally(failure));
    }

    /**
     * Completes a batch's futures: with the results the state machine set and what was read after
     * the entry, or with the reason Raft gave.
     */
    static final class BatchClosure implements Closure {
        private final String groupId;
        private final List<Pending> batch;
        private final Supplier<String> leader;
        private final Runnable onDone;
        private byte[][] results;
        private byte[][] reads;

        BatchClosure(String groupId, List<Pending> batch, Supplier<String> leader, Runnable onDone) {
            this.groupId = groupId;
            this.batch = batch;
            this.leader = leader;
            this.onDone = onDone;
        }

        /** On the apply thread, right after the entry: the commands' results, and the reads they asked for. */
        void setResults(byte[][] results) {
            this.results = results;
            for (int i = 0; i < batch.size(); i++) {
                Supplier<byte[]> readAfter = batch.get(i).readAfter();
                if (readAfter != null) {
                    if (reads == null) {
                        reads = new byte[batch.size()][];
                    }
                    reads[i] = readQuietly(readAfter);
                }
            }
        }

        /** A read that fails leaves no answer (the caller reads again its own way); it must not stop the apply thread. */
        private byte[] readQuietly(Supplier<byte[]> read) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                LOG.warn("{}: a read after a command failed: {}", groupId, e.toString());
                return null;
            }
        }

        @Override
        public void run(Status status) {
            onDone.run();
            if (status.isOk() && results != null) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(new AppliedCommand(results[i], reads == null ? null : reads[i]));
                }
                return;
            }
            ReplicaUnavailableException.Reason reason = switch (status.getRaftError()) {
                case EPERM -> ReplicaUnavailableException.Reason.NOT_LEADER;
                case EBUSY -> ReplicaUnavailableException.Reason.OVERLOADED;
                case ESHUTDOWN, ENODESHUTDOWN -> ReplicaUnavailableException.Reason.STOPPING;
                default -> ReplicaUnavailableException.Reason.FAILED;
            };
            failAll(batch, new ReplicaUnavailableException(reason, leader.get(), groupId + ": " + status));
        }
    }
}
