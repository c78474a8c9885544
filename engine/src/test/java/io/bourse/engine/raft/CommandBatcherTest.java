package io.bourse.engine.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.Task;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Leader-side batching without a thread of its own: who proposes, in what order, and what fails how. */
@Timeout(10)
class CommandBatcherTest {
    /** A Raft node that only records what is proposed; the test commits or fails entries itself. */
    private final List<Task> proposed = new ArrayList<>();
    private final List<Thread> proposedOn = new ArrayList<>();
    private final AtomicBoolean refuse = new AtomicBoolean();
    private final Node node = (Node) Proxy.newProxyInstance(Node.class.getClassLoader(), new Class<?>[] {Node.class},
            (proxy, method, args) -> {
                if (!method.getName().equals("apply")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                if (refuse.get()) {
                    throw new IllegalStateException("node is shutting down");
                }
                synchronized (proposed) {
                    proposed.add((Task) args[0]);
                    proposedOn.add(Thread.currentThread());
                }
                return null;
            });
    private final CommandBatcher batcher = new CommandBatcher("shard-1", new BatchingOptions(10, 100, 1 << 20, 1), () -> node,
            () -> "127.0.0.1:1");

    /** Commits entry {@code i}: each command's result is its own (one-byte) command. */
    private void commit(int i) {
        CommandBatcher.BatchClosure closure = (CommandBatcher.BatchClosure) proposed.get(i).getDone();
        LogBatch batch = LogBatch.decode(proposed.get(i).getData().array(), 0, proposed.get(i).getData().remaining());
        byte[][] results = new byte[batch.size()][];
        for (int c = 0; c < results.length; c++) {
            results[c] = new byte[] {(byte) batch.command(c).readByte()};
        }
        closure.setResults(results);
        closure.run(Status.OK());
    }

    @Test
    void aCommandIsProposedAtOnceOnItsCallersThread() {
        CompletableFuture<byte[]> result = batcher.submit(new byte[] {1});

        assertThat(proposed).hasSize(1);
        assertThat(proposedOn.get(0)).isSameAs(Thread.currentThread());
        commit(0);
        assertThat(result.join()).containsExactly(1);
    }

    @Test
    void whileAnEntryIsInFlightCommandsGatherIntoTheNextInTheirOrder() {
        CompletableFuture<byte[]> first = batcher.submit(new byte[] {1});
        CompletableFuture<byte[]> second = batcher.submit(new byte[] {2});
        CompletableFuture<byte[]> third = batcher.submit(new byte[] {3});
        assertThat(proposed).as("one entry in flight at most").hasSize(1);

        commit(0);

        assertThat(first.join()).containsExactly(1);
        assertThat(proposed).as("the completion proposed what gathered").hasSize(2);
        commit(1);
        assertThat(second.join()).containsExactly(2);
        assertThat(third.join()).containsExactly(3);
    }

    @Test
    void aFullQueueAnswersOverloadedAndTakesNothing() {
        batcher.submit(new byte[] {0}); // in flight
        for (int i = 0; i < 10; i++) {
            batcher.submit(new byte[] {1});
        }

        assertThatThrownBy(() -> batcher.submit(new byte[] {2}).join()).hasCauseInstanceOf(ReplicaUnavailableException.class)
                .hasMessageContaining("commands waiting");
    }

    @Test
    void anEntryRaftWouldNotTakeFailsItsCommandsAndFreesItsSlot() {
        refuse.set(true);
        CompletableFuture<byte[]> refused = batcher.submit(new byte[] {1});
        assertThatThrownBy(refused::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(ReplicaUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReplicaUnavailableException.Reason.FAILED));

        refuse.set(false);
        CompletableFuture<byte[]> next = batcher.submit(new byte[] {2});
        assertThat(proposed).as("the slot was given back").hasSize(1);
        commit(0);
        assertThat(next.join()).containsExactly(2);
    }

    @Test
    void stoppingFailsWhatWaitsAndWhatComesAfter() {
        batcher.submit(new byte[] {0}); // in flight
        CompletableFuture<byte[]> waiting = batcher.submit(new byte[] {1});

        batcher.stop();

        assertThatThrownBy(waiting::join).cause().isInstanceOfSatisfying(ReplicaUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo(ReplicaUnavailableException.Reason.STOPPING));
        assertThatThrownBy(() -> batcher.submit(new byte[] {2}).join()).cause()
                .isInstanceOfSatisfying(ReplicaUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReplicaUnavailableException.Reason.STOPPING));
    }

    /** What a command asks to read is read when its entry is applied (the state then), and a failing read costs only itself. */
    @Test
    void aReadAfterACommandRunsWhenItsEntryIsAppliedAndAFailedReadLeavesTheResult() {
        AtomicInteger state = new AtomicInteger();
        batcher.submit(new byte[] {0}); // in flight
        CompletableFuture<AppliedCommand> read = batcher.submit(new byte[] {1}, () -> new byte[] {(byte) state.get()});
        CompletableFuture<AppliedCommand> failing = batcher.submit(new byte[] {2}, () -> {
            throw new IllegalStateException("no such view");
        });
        CompletableFuture<byte[]> plain = batcher.submit(new byte[] {3});
        commit(0);

        state.set(7); // the state as entry 1 is applied
        commit(1);

        assertThat(read.join().result()).containsExactly(1);
        assertThat(read.join().readAfter()).containsExactly(7);
        assertThat(failing.join().result()).containsExactly(2);
        assertThat(failing.join().readAfter()).isNull();
        assertThat(plain.join()).containsExactly(3);
    }
}
