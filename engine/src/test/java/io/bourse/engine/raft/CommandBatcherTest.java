package io.bourse.engine.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.entity.Task;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
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
    private final CommandBatcher batcher = new CommandBatcher("shard-1", new BatchingOptions(10, 100, 1 << 20, 1, Duration.ZERO), () -> node,
            () -> "127.0.0.1:1");

    /** A pacer of its own, for the pacing tests: its level set by hand, its wake-ups on a thread of the test. */
    private final ScheduledExecutorService pacerThread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("test-pacer").factory());
    private final EntryPacer pacer = new EntryPacer(pacerThread);

    @AfterEach
    void stopPacer() {
        pacerThread.shutdownNow();
    }

    private CommandBatcher pacedBatcher(int maxBatchCommands, Duration maxSpacing) {
        return new CommandBatcher("shard-1", new BatchingOptions(10, maxBatchCommands, 1 << 20, 1, maxSpacing), pacer,
                () -> node, () -> "127.0.0.1:1");
    }

    private void cpuBusyFor(int samples) {
        for (int i = 0; i < samples; i++) {
            pacer.sample(0.9);
        }
    }

    private int proposedCount() {
        synchronized (proposed) {
            return proposed.size();
        }
    }

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
    void theTimeCommandsWaitToBeProposedAndEntriesTakeToCommitIsSummedForTheOperators() throws InterruptedException {
        batcher.submit(new byte[] {1}); // proposed at once, in flight
        batcher.submit(new byte[] {2});
        batcher.submit(new byte[] {3}); // both wait for the first entry
        Thread.sleep(40);
        commit(0); // the first entry took at least 40 ms; the two waiting go into the next
        Thread.sleep(20);
        commit(1);

        assertThat(batcher.proposedBatches()).isEqualTo(2);
        assertThat(batcher.waitedNanos()).as("two commands waited at least 40 ms each")
                .isGreaterThanOrEqualTo(2 * TimeUnit.MILLISECONDS.toNanos(40));
        assertThat(batcher.committingNanos()).as("the entries were in flight at least 40 and 20 ms")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(60));
    }

    @Test
    void aFullQueueAnswersOverloadedAndTakesNothing() {
        batcher.submit(new byte[] {0}); // in flight
        for (int i = 0; i < 10; i++) {
            batcher.submit(new byte[] {1});
        }

        assertThat(batcher.waiting()).isEqualTo(10);
        assertThat(batcher.refusedOverloaded()).isZero();

        assertThatThrownBy(() -> batcher.submit(new byte[] {2}).join()).hasCauseInstanceOf(ReplicaUnavailableException.class)
                .hasMessageContaining("commands waiting");
        assertThat(batcher.refusedOverloaded()).as("counted for the operators").isEqualTo(1);
        assertThat(batcher.waiting()).isEqualTo(10);
        assertThat(batcher.proposedCommands()).isEqualTo(1);
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

    @Test
    void whileTheCpuIsBusyTheNextEntryWaitsItsSpacingAndTheCommandsMeanwhileGoTogether() {
        cpuBusyFor(EntryPacer.STEPS);
        CommandBatcher paced = pacedBatcher(100, Duration.ofMillis(300));
        CompletableFuture<byte[]> first = paced.submit(new byte[] {1});
        assertThat(proposed).as("nothing proposed lately: at once").hasSize(1);
        commit(0);
        assertThat(first.join()).containsExactly(1);
        long committedAt = System.nanoTime();

        CompletableFuture<byte[]> second = paced.submit(new byte[] {2});
        CompletableFuture<byte[]> third = paced.submit(new byte[] {3});
        assertThat(proposedCount()).as("the slot is free, but the spacing has not passed").isEqualTo(1);

        await().atMost(Duration.ofSeconds(2)).until(() -> proposedCount() == 2);
        assertThat(System.nanoTime() - committedAt).as("proposed once the spacing had passed")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
        assertThat(proposedOn.get(1).getName()).isEqualTo("test-pacer");
        assertThat(LogBatch.decode(proposed.get(1).getData().array(), 0, proposed.get(1).getData().remaining()).size())
                .as("both waiting commands in the one entry").isEqualTo(2);
        commit(1);
        assertThat(second.join()).containsExactly(2);
        assertThat(third.join()).containsExactly(3);
    }

    @Test
    void aFullEntryDoesNotWaitForItsSpacing() {
        cpuBusyFor(EntryPacer.STEPS);
        CommandBatcher paced = pacedBatcher(3, Duration.ofSeconds(30));
        paced.submit(new byte[] {0});
        commit(0);

        paced.submit(new byte[] {1});
        paced.submit(new byte[] {2});
        assertThat(proposed).hasSize(1);
        paced.submit(new byte[] {3});

        assertThat(proposed).as("three commands fill an entry: proposed at once").hasSize(2);
    }

    @Test
    void whileTheCpuHasRoomNothingWaits() {
        cpuBusyFor(EntryPacer.STEPS);
        for (int i = 0; i < EntryPacer.STEPS; i++) {
            pacer.sample(0.3);
        }
        CommandBatcher paced = pacedBatcher(100, Duration.ofSeconds(30));
        paced.submit(new byte[] {1});
        commit(0);

        paced.submit(new byte[] {2});

        assertThat(proposed).hasSize(2);
    }

    @Test
    void stoppingWhileAnEntryWaitsItsSpacingFailsItsCommands() {
        cpuBusyFor(EntryPacer.STEPS);
        CommandBatcher paced = pacedBatcher(100, Duration.ofMillis(200));
        paced.submit(new byte[] {1});
        commit(0);
        CompletableFuture<byte[]> waiting = paced.submit(new byte[] {2});

        paced.stop();

        assertThat(waiting).failsWithin(Duration.ofSeconds(2)).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(ReplicaUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo(ReplicaUnavailableException.Reason.STOPPING));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> true);
        assertThat(proposedCount()).as("the wake-up proposed nothing after the stop").isEqualTo(1);
    }
}
