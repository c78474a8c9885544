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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Leader-side batching: commands from any number of callers wait in a bounded queue; one thread
 * takes as many as are waiting (up to a bound in count and bytes), stamps them with the leader's
 * clock and proposes them to Raft as one log entry. When the queue is full the caller is told at
 * once ({@link ReplicaUnavailableException.Reason#OVERLOADED}): back-pressure, never unbounded memory.
 *
 * <p>Group commit: at most a few entries are in flight (proposed, not yet committed). Every entry
 * costs the same Raft work whatever it carries (a log record and an fsync on each replica, an
 * append RPC per follower, an apply task), so under load it is cheaper to let commands gather
 * while earlier entries commit than to propose each as it comes.
 */
final class CommandBatcher {
    record Pending(byte[] command, CompletableFuture<byte[]> result) {}

    private final String groupId;
    private final ArrayBlockingQueue<Pending> queue;
    private final int maxBatchCommands;
    private final int maxBatchBytes;
    private final Supplier<Node> node;
    private final Supplier<String> leader;
    private final Semaphore entriesInFlight;
    private final Thread thread;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.LongAdder proposedBatches = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder proposedCommands = new java.util.concurrent.atomic.LongAdder();

    CommandBatcher(String groupId, BatchingOptions options, Supplier<Node> node, Supplier<String> leader) {
        this.leader = leader;
        this.groupId = groupId;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.maxBatchCommands = options.maxBatchCommands();
        this.maxBatchBytes = options.maxBatchBytes();
        this.entriesInFlight = new Semaphore(options.maxEntriesInFlight());
        this.node = node;
        this.thread = Thread.ofPlatform().name("batcher-" + groupId).daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    CompletableFuture<byte[]> submit(byte[] command) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new ReplicaUnavailableException(ReplicaUnavailableException.Reason.STOPPING, null,
                    groupId + " is stopping"));
        } else if (!queue.offer(new Pending(command, result))) {
            result.completeExceptionally(new ReplicaUnavailableException(ReplicaUnavailableException.Reason.OVERLOADED, null,
                    groupId + " has " + queue.size() + " commands waiting; retry shortly"));
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

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        ReplicaUnavailableException stopping = new ReplicaUnavailableException(ReplicaUnavailableException.Reason.STOPPING, null,
                groupId + " stopped");
        left.forEach(p -> p.result().completeExceptionally(stopping));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatchCommands);
        while (running) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                // SOFAJRaft runs every proposed entry's closure exactly once, committed or failed,
                // and that returns the permit; the timeout only keeps shutdown from waiting forever.
                while (!entriesInFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (!running) {
                        failAll(batch, new ReplicaUnavailableException(ReplicaUnavailableException.Reason.STOPPING,
                                null, groupId + " stopped"));
                        return;
                    }
                }
                int bytes = first.command().length;
                Pending next;
                while (batch.size() < maxBatchCommands && bytes < maxBatchBytes && (next = queue.poll()) != null) {
                    batch.add(next);
                    bytes += next.command().length;
                }
                propose(batch);
            } catch (InterruptedException e) {
                failAll(batch, new ReplicaUnavailableException(ReplicaUnavailableException.Reason.STOPPING, null,
                        groupId + " stopped"));
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                entriesInFlight.release();
                failAll(batch, new ReplicaUnavailableException(ReplicaUnavailableException.Reason.FAILED, null, e.toString()));
            }
            batch = new ArrayList<>(maxBatchCommands);
        }
    }

    private void propose(List<Pending> batch) {
        List<byte[]> commands = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            commands.add(pending.command());
        }
        byte[] entry = LogBatch.encode(System.currentTimeMillis(), commands);
        proposedBatches.increment();
        proposedCommands.add(commands.size());
        node.get().apply(new Task(ByteBuffer.wrap(entry), new BatchClosure(groupId, batch, leader, entriesInFlight::release)));
    }

    private static void failAll(List<Pending> batch, RuntimeException failure) {
        batch.forEach(p -> p.result().completeExceptionally(failure));
    }

    /** Completes a batch's futures: with the results the state machine set, or with the reason Raft gave. */
    static final class BatchClosure implements Closure {
        private final String groupId;
        private final List<Pending> batch;
        private final Supplier<String> leader;
        private final Runnable onDone;
        private byte[][] results;

        BatchClosure(String groupId, List<Pending> batch, Supplier<String> leader, Runnable onDone) {
            this.groupId = groupId;
            this.batch = batch;
            this.leader = leader;
            this.onDone = onDone;
        }

        void setResults(byte[][] results) {
            this.results = results;
        }

        @Override
        public void run(Status status) {
            onDone.run();
            if (status.isOk() && results != null) {
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).result().complete(results[i]);
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
