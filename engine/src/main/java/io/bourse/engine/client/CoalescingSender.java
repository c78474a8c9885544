package io.bourse.engine.client;

import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

/**
 * Client-side batching for one shard: commands submitted one at a time by many threads (a gateway
 * serving many users) wait in a bounded queue and go out together, whatever is waiting in one
 * call, with at most {@link #MAX_CALLS_IN_FLIGHT} calls to the shard at once. A call costs about
 * the same for one command as for hundreds, so under load this is what keeps the per-command cost
 * of the transport small.
 *
 * <p>The calls are made by the submitting threads themselves: a thread that finds a call slot free
 * sends what is waiting, its own command included, and so with little load a command goes out on
 * its caller's thread, with no hand-off to a sender thread and back (each hand-off a wake-up, which
 * on the machines measured costs more than the call's own work). A thread whose command was sent by
 * another waits for it. A thread that finishes a call looks at the queue again before it returns;
 * once its own result is in, it leaves what is still waiting to a fresh virtual thread rather than
 * keep its caller waiting for other callers' calls.
 */
final class CoalescingSender {
    static final int QUEUE_CAPACITY = 50_000;
    static final int MAX_COMMANDS_PER_CALL = 500;
    static final int MAX_CALLS_IN_FLIGHT = 4;

    /** An encoded command and the encoded query to answer right after it (null: none). */
    record Submission(byte[] command, byte[] queryAfter) {}

    /** A command's result and, when a query was sent with it, the query's encoded answer (null when there is none). */
    record Answer(CommandResult result, byte[] readAfter) {}

    /** A submission, the future its caller waits on, and when it was queued ({@link System#nanoTime()}). */
    private record Pending(Submission submission, CompletableFuture<Answer> answer, long queuedAt) {}

    private final ArrayBlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Semaphore callSlots = new Semaphore(MAX_CALLS_IN_FLIGHT);
    private final BiFunction<Integer, List<Submission>, List<Answer>> send;
    private final int shardId;
    private volatile boolean running = true;
    private final LongAdder calls = new LongAdder();
    private final LongAdder commandsSent = new LongAdder();
    private final LongAdder waitedNanos = new LongAdder();

    CoalescingSender(int shardId, BiFunction<Integer, List<Submission>, List<Answer>> send) {
        this.shardId = shardId;
        this.send = send;
    }

    /** Sends the command, with whatever else is waiting, when a call slot is free; completes with its result. */
    CompletableFuture<CommandResult> submit(Command command) {
        return submit(command, null).thenApply(Answer::result);
    }

    /** Like {@link #submit(Command)}, the shard answering {@code queryAfter} (encoded; null: none) right after the command. */
    CompletableFuture<Answer> submit(Command command, byte[] queryAfter) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        if (!running) {
            answer.completeExceptionally(new EngineUnavailableException("the engine client is closed"));
        } else if (!queue.offer(new Pending(new Submission(CommandCodec.encode(command), queryAfter), answer, System.nanoTime()))) {
            answer.complete(new Answer(CommandResult.rejected(RejectReason.OVERLOADED), null));
        } else {
            sendWaiting(answer);
        }
        return answer;
    }

    /** What this sender has sent so far: calls, the commands in them, and how long those waited for their call. */
    CallStats stats() {
        return new CallStats(calls.sum(), commandsSent.sum(), waitedNanos.sum());
    }

    /** Fails whatever is still waiting; later submissions fail at once. */
    void stop() {
        running = false;
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        EngineUnavailableException closed = new EngineUnavailableException("the engine client is closed");
        left.forEach(p -> p.answer().completeExceptionally(closed));
    }

    /**
     * Sends waiting commands while a call slot is free. Every thread that frees a slot looks at the
     * queue again after freeing it, and every thread that queues a command then tries for a slot, so
     * a queued command always finds a sender.
     */
    private void sendWaiting(CompletableFuture<Answer> own) {
        while (!queue.isEmpty()) {
            if (own != null && own.isDone()) {
                // Ours is answered: leave the rest to a thread of its own rather than hold our caller.
                // With every slot taken there is no need: each holder looks again when it is done.
                if (callSlots.availablePermits() > 0) {
                    Thread.ofVirtual().name("engine-client-shard-" + shardId).start(() -> sendWaiting(null));
                }
                return;
            }
            if (!callSlots.tryAcquire()) {
                return;
            }
            try {
                List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_COMMANDS_PER_CALL));
                queue.drainTo(batch, MAX_COMMANDS_PER_CALL);
                if (!batch.isEmpty()) {
                    call(batch);
                }
            } finally {
                callSlots.release();
            }
        }
    }

    private void call(List<Pending> batch) {
        List<Submission> submissions = new ArrayList<>(batch.size());
        long now = System.nanoTime();
        long waited = 0;
        for (Pending pending : batch) {
            submissions.add(pending.submission());
            waited += now - pending.queuedAt();
        }
        calls.increment();
        commandsSent.add(batch.size());
        waitedNanos.add(waited);
        try {
            List<Answer> answers = send.apply(shardId, submissions);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.answer().completeExceptionally(e));
        }
    }
}
