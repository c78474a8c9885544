package io.bourse.engine.client;

import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Client-side batching for one shard: commands submitted one at a time by many threads (a gateway
 * serving many users) wait in a bounded queue, and a few sender threads each take whatever is
 * waiting and send it as one call. A call costs about the same for one command as for hundreds,
 * so under load this is what keeps the per-command cost of the transport small.
 */
final class CoalescingSender {
    static final int QUEUE_CAPACITY = 50_000;
    static final int MAX_COMMANDS_PER_CALL = 500;
    static final int SENDERS = 4;

    private record Pending(byte[] command, CompletableFuture<CommandResult> result) {}

    private final ArrayBlockingQueue<Pending> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BiFunction<Integer, List<byte[]>, List<CommandResult>> send;
    private final int shardId;
    private volatile boolean running = true;

    CoalescingSender(int shardId, BiFunction<Integer, List<byte[]>, List<CommandResult>> send) {
        this.shardId = shardId;
        this.send = send;
        for (int i = 0; i < SENDERS; i++) {
            Thread.ofVirtual().name("engine-client-shard-" + shardId + "-" + i).start(this::run);
        }
    }

    CompletableFuture<CommandResult> submit(Command command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        if (!queue.offer(new Pending(CommandCodec.encode(command), result))) {
            result.complete(CommandResult.rejected(RejectReason.OVERLOADED));
        }
        return result;
    }

    void stop() {
        running = false;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_COMMANDS_PER_CALL);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_COMMANDS_PER_CALL - 1);
                List<byte[]> commands = new ArrayList<>(batch.size());
                batch.forEach(p -> commands.add(p.command()));
                try {
                    List<CommandResult> results = send.apply(shardId, commands);
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).result().complete(results.get(i));
                    }
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.result().completeExceptionally(e));
                }
                batch.clear();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
