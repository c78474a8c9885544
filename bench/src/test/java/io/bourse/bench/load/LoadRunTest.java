package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator's own rules: an open loop charges a stall to every request that was due
 * during it (no coordinated omission), and failures are counted by type, expected rejections apart.
 */
@Timeout(60)
class LoadRunTest {

    @Test
    void requestsDueDuringAStallAreChargedTheWholeWait() throws InterruptedException {
        // A system that answers in 1 ms, one request at a time, except that it stops for 500 ms once, 1 s into the run.
        long start = System.nanoTime();
        AtomicBoolean stalled = new AtomicBoolean();
        ExecutorService system = Executors.newSingleThreadExecutor(); // while one request stalls, the others queue behind it
        LoadRun run = new LoadRun("test", Scenario.ORDER_ENTRY, () -> new Operation("op", () -> CompletableFuture.runAsync(() -> {
            if (System.nanoTime() - start > 1_000_000_000L && stalled.compareAndSet(false, true)) {
                sleep(500);
            }
            sleep(1);
        }, system)), null);

        LoadResult result = run.openLoop(200, 3);

        assertThat(result.completed()).isGreaterThan(500);
        // About 100 of ~600 requests were due during the stall: the 90th percentile sees it.
        assertThat(result.latency().p99()).isGreaterThan(300_000);
        assertThat(result.latency().p50()).isLessThan(100_000);
        assertThat(result.errors()).isZero();
        system.shutdownNow();
    }

    @Test
    void failuresAreCountedByTypeAndExpectedRejectionsAreNotErrors() throws InterruptedException {
        AtomicLong calls = new AtomicLong();
        LoadRun run = new LoadRun("test", Scenario.ORDER_ENTRY, () -> {
            long n = calls.incrementAndGet();
            if (n % 3 == 0) { // refused at once, as expected; through a chained stage, as the workload's are (wrapped)
                return new Operation("cancel", () -> CompletableFuture.failedFuture(new io.bourse.client.BourseApiException(
                        new io.bourse.client.model.Problem("https://bourse.dev/problems/unknown-order", "No such order", 404, null, null), 0))
                        .thenRun(() -> { }), java.util.Set.of("unknown-order"));
            }
            if (n % 3 == 1) { // fails before anything is sent
                return new Operation("place", () -> {
                    throw new IllegalStateException("boom");
                });
            }
            return new Operation("quote", () -> CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS)));
        }, null);

        LoadResult result = run.closedLoop(4, 1);

        assertThat(result.errorsByType()).containsOnlyKeys("place: IllegalStateException");
        assertThat(result.operations()).containsKeys("quote", "cancel (unknown-order)");
        // Latency per kind of request, expected rejections with their kind; a failure has none.
        assertThat(result.latencyByOperation()).containsOnlyKeys("quote", "cancel");
        assertThat(result.latencyByOperation().get("quote").p50()).isPositive();
        assertThat(result.latencyByOperation().get("quote").count()).isEqualTo(result.operations().get("quote"));
        assertThat(result.latencyByOperation().get("cancel").count()).isEqualTo(result.operations().get("cancel (unknown-order)"));
        assertThat(result.hasUnexpectedErrors()).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
