package io.bourse.engine.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Commands go out together, each caller gets its own command's result, and nothing is left waiting. */
@Timeout(30)
class CoalescingSenderTest {
    /** A shard that answers each deposit with its transfer id as the result's id. */
    private static List<CoalescingSender.Answer> echo(List<CoalescingSender.Submission> submissions) {
        List<CoalescingSender.Answer> answers = new ArrayList<>(submissions.size());
        for (CoalescingSender.Submission submission : submissions) {
            Command.Deposit deposit = (Command.Deposit) CommandCodec.read(new BinaryReader(submission.command()));
            answers.add(new CoalescingSender.Answer(CommandResult.accepted(deposit.transferId()), submission.queryAfter()));
        }
        return answers;
    }

    private static Command.Deposit deposit(long transferId) {
        return new Command.Deposit(1, transferId, Ledger.CASH, 1);
    }

    @Test
    void aLoneCommandIsSentOnItsCallersThread() {
        AtomicReference<Thread> sentOn = new AtomicReference<>();
        CoalescingSender sender = new CoalescingSender(1, (shard, commands) -> {
            sentOn.set(Thread.currentThread());
            return echo(commands);
        });

        CommandResult result = sender.submit(deposit(42)).join();

        assertThat(result).isEqualTo(CommandResult.accepted(42));
        assertThat(sentOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void manyCallersEachGetTheirOwnResultWithFewCallsAtOnce() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger commandsSent = new AtomicInteger();
        CoalescingSender sender = new CoalescingSender(1, (shard, commands) -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            calls.incrementAndGet();
            commandsSent.addAndGet(commands.size());
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return echo(commands);
        });
        int callers = 64;
        int perCaller = 100;
        AtomicInteger wrong = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(callers);
        for (int c = 0; c < callers; c++) {
            long first = c * 1_000_000L;
            Thread.ofVirtual().start(() -> {
                for (long i = first; i < first + perCaller; i++) {
                    if (!sender.submit(deposit(i)).join().equals(CommandResult.accepted(i))) {
                        wrong.incrementAndGet();
                    }
                }
                done.countDown();
            });
        }

        assertThat(done.await(20, TimeUnit.SECONDS)).as("every caller answered").isTrue();
        assertThat(wrong).hasValue(0);
        assertThat(commandsSent).hasValue(callers * perCaller);
        assertThat(mostInFlight.get()).isBetween(1, CoalescingSender.MAX_CALLS_IN_FLIGHT);
        assertThat(calls.get()).as("commands travelled together").isLessThan(callers * perCaller);
        assertThat(sender.stats().calls()).as("calls counted for the meters").isEqualTo(calls.get());
        assertThat(sender.stats().commands()).isEqualTo(callers * perCaller);
    }

    @Test
    void theCallsTheirCommandsAndEachCommandsWaitForAFreeCallAreCounted() throws InterruptedException {
        int slots = CoalescingSender.MAX_CALLS_IN_FLIGHT;
        AtomicInteger sending = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CoalescingSender sender = new CoalescingSender(1, (shard, commands) -> {
            sending.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return echo(commands);
        });
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < slots; i++) {
            long id = i;
            holders.add(Thread.ofVirtual().start(() -> sender.submit(deposit(id)).join()));
            int calling = i + 1;
            // One at a time: two started together could share a call, and a slot would stay free.
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> sending.get() == calling);
        }
        var queuedFirst = sender.submit(deposit(100)); // no slot free: both wait in the queue
        var queuedSecond = sender.submit(deposit(101));
        Thread.sleep(50);
        release.countDown();

        assertThat(queuedFirst.join()).isEqualTo(CommandResult.accepted(100));
        assertThat(queuedSecond.join()).isEqualTo(CommandResult.accepted(101));
        for (Thread holder : holders) {
            holder.join();
        }
        CallStats stats = sender.stats();
        assertThat(stats.calls()).as("one call per slot, then one for both that waited").isEqualTo(slots + 1);
        assertThat(stats.commands()).isEqualTo(slots + 2);
        assertThat(stats.waitedNanos()).as("the two queued commands waited at least 50 ms each")
                .isGreaterThanOrEqualTo(2 * 50_000_000L);
        assertThat(stats.meanWaitMillis()).isEqualTo(stats.waitedNanos() / 1e6 / (slots + 2));
    }

    @Test
    void aFailedCallFailsEveryCommandInItAndTheNextCallStillGoesOut() {
        AtomicInteger calls = new AtomicInteger();
        CoalescingSender sender = new CoalescingSender(1, (shard, commands) -> {
            if (calls.incrementAndGet() == 1) {
                throw new EngineUnavailableException("no leader");
            }
            return echo(commands);
        });

        assertThatThrownBy(() -> sender.submit(deposit(1)).join()).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(EngineUnavailableException.class);
        assertThat(sender.submit(deposit(2)).join()).isEqualTo(CommandResult.accepted(2));
    }

    @Test
    void aQueryTravelsWithItsCommandAndItsAnswerComesBackToItsCaller() {
        CoalescingSender sender = new CoalescingSender(1, (shard, submissions) -> echo(submissions));

        CoalescingSender.Answer answer = sender.submit(deposit(7), new byte[] {9, 8}).join();

        assertThat(answer.result()).isEqualTo(CommandResult.accepted(7));
        assertThat(answer.readAfter()).containsExactly(9, 8);
        assertThat(sender.submit(deposit(8), null).join().readAfter()).isNull();
    }

    @Test
    void afterStopASubmissionFailsAtOnce() {
        CoalescingSender sender = new CoalescingSender(1, (shard, commands) -> echo(commands));
        sender.stop();

        assertThatThrownBy(() -> sender.submit(deposit(1)).join()).hasCauseInstanceOf(EngineUnavailableException.class);
    }
}
