package io.bourse.bench.load;

import io.bourse.client.BourseApiException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives a workload and measures it. Open loop: requests are due at a fixed rate whatever the
 * system does, each sent when due without waiting for any other, and latency counts from the
 * moment it was due. Closed loop: a fixed number of users each send a request as soon as the last
 * one answered, to find the most the system will do. No thread waits for an answer: requests are
 * sent, and answers counted, by the HTTP client's own thread.
 */
final class LoadRun {
    private static final long MAX_LATENCY_MICROS = TimeUnit.MINUTES.toMicros(2);
    /** In-flight requests beyond which an open-loop run stops spawning and counts "client-overloaded". */
    private static final int MAX_IN_FLIGHT = 20_000;

    private final String system;
    private final Supplier<Operation> workload;
    private final Scenario scenario;
    private final PrintStream progress;
    private final Recorder recorder = new Recorder(MAX_LATENCY_MICROS, 3);
    private final Histogram total = new Histogram(MAX_LATENCY_MICROS, 3);
    private final LongAdder completed = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorsByType = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> operations = new ConcurrentHashMap<>();
    /** Per kind of operation, over the whole measured run (recorders: many threads write, one reads at the end). */
    private final Map<String, Recorder> latencyByOperation = new ConcurrentHashMap<>();
    private final List<LoadResult.Second> timeline = new ArrayList<>();

    LoadRun(String system, Scenario scenario, Supplier<Operation> workload, PrintStream progress) {
        this.system = system;
        this.scenario = scenario;
        this.workload = workload;
        this.progress = progress;
    }

    /** Sends {@code rate} requests a second for {@code seconds} (ten times the rate for 5 s mid-run in a burst). */
    LoadResult openLoop(double rate, int seconds) throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long burstFrom = start + TimeUnit.SECONDS.toNanos(Math.max(0, seconds / 2 - 2));
        long burstTo = burstFrom + TimeUnit.SECONDS.toNanos(5);
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long due = start;
        while (due < end) {
            boolean bursting = scenario == Scenario.BURST && due >= burstFrom && due < burstTo;
            double currentRate = bursting ? rate * 10 : rate;
            long now = System.nanoTime();
            if (due > now) {
                TimeUnit.NANOSECONDS.sleep(Math.min(due - now, 1_000_000));
                continue;
            }
            if (now >= nextReport) {
                report((int) TimeUnit.NANOSECONDS.toSeconds(nextReport - start));
                nextReport += TimeUnit.SECONDS.toNanos(1);
            }
            long intended = due;
            due += (long) (1e9 / currentRate);
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                fail("client-overloaded");
                continue;
            }
            inFlight.incrementAndGet();
            execute(workload.get(), intended).whenComplete((counted, failure) -> inFlight.decrementAndGet());
        }
        long waitUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (inFlight.get() > 0 && System.nanoTime() - waitUntil < 0) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        report(seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return result("open", rate, elapsed);
    }

    /** {@code users} virtual users, each sending its next request as soon as the last one answers. */
    LoadResult closedLoop(int users, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(users);
        for (int i = 0; i < users; i++) {
            keepSending(end, finished);
        }
        for (int second = 1; second <= seconds; second++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime()));
            report(second);
        }
        finished.await(1, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return result("closed", users, elapsed);
    }

    /**
     * One user's next request, and the one after it when this one is answered, until {@code end}.
     * The next request is sent from the thread that completed the last (the HTTP client's own), so
     * no thread waits; one answered at once (a request that failed before it was sent) goes on from
     * another thread, so that a user whose every request fails at once cannot grow the stack.
     */
    private void keepSending(long end, CountDownLatch finished) {
        if (System.nanoTime() - end >= 0) {
            finished.countDown();
            return;
        }
        CompletableFuture<Void> counted = execute(workload.get(), System.nanoTime());
        if (counted.isDone()) {
            ForkJoinPool.commonPool().execute(() -> keepSending(end, finished));
        } else {
            counted.whenComplete((done, failure) -> keepSending(end, finished)); // whatever happened, the user goes on
        }
    }

    /** Sends {@code operation}; the future completes, never exceptionally, once its answer or failure is counted. */
    private CompletableFuture<Void> execute(Operation operation, long intendedNanos) {
        CompletableFuture<?> answer;
        try {
            answer = operation.action().get();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((result, failure) -> {
            count(operation, intendedNanos, failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            return null;
        });
    }

    private void count(Operation operation, long intendedNanos, Throwable failure) {
        if (failure == null) {
            answered(operation, intendedNanos);
            operations.computeIfAbsent(operation.kind(), k -> new LongAdder()).increment();
        } else if (failure instanceof BourseApiException e && operation.expectedRejections().contains(e.kind())) {
            answered(operation, intendedNanos);
            operations.computeIfAbsent(operation.kind() + " (" + e.kind() + ")", k -> new LongAdder()).increment();
        } else if (failure instanceof BourseApiException e) {
            fail(operation.kind() + ": " + e.status() + " " + e.kind());
        } else {
            fail(operation.kind() + ": " + failure.getClass().getSimpleName());
        }
    }

    private void answered(Operation operation, long intendedNanos) {
        long micros = Math.min(Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - intendedNanos)), MAX_LATENCY_MICROS);
        recorder.recordValue(micros);
        latencyByOperation.computeIfAbsent(operation.kind(), k -> new Recorder(MAX_LATENCY_MICROS, 3)).recordValue(micros);
        completed.increment();
    }

    private void fail(String type) {
        errors.increment();
        errorsByType.computeIfAbsent(type, k -> new LongAdder()).increment();
    }

    private long lastCompleted;
    private long lastErrors;

    private synchronized void report(int second) {
        Histogram interval = recorder.getIntervalHistogram();
        total.add(interval);
        long done = completed.sum();
        long failed = errors.sum();
        LoadResult.Second sample = new LoadResult.Second(second, done - lastCompleted, failed - lastErrors,
                interval.getValueAtPercentile(50), interval.getValueAtPercentile(99));
        lastCompleted = done;
        lastErrors = failed;
        timeline.add(sample);
        if (progress != null) {
            progress.printf("\r  %s %s  t=%3ds  %7d req/s  errors %d  p99 so far %s   ", system, scenario.label(), second,
                    sample.completed(), failed, Report.millis(total.getValueAtPercentile(99)));
            progress.flush();
        }
    }

    private LoadResult result(String mode, double offered, double elapsed) {
        if (progress != null) {
            progress.println();
        }
        Map<String, Long> errorCounts = new TreeMap<>();
        errorsByType.forEach((k, v) -> errorCounts.put(k, v.sum()));
        Map<String, Long> operationCounts = new TreeMap<>();
        operations.forEach((k, v) -> operationCounts.put(k, v.sum()));
        Map<String, LoadResult.Percentiles> operationLatency = new TreeMap<>();
        latencyByOperation.forEach((k, v) -> operationLatency.put(k, LoadResult.Percentiles.of(v.getIntervalHistogram())));
        return new LoadResult(system, scenario.label(), mode, offered, elapsed, completed.sum(), errors.sum(),
                completed.sum() / elapsed, LoadResult.Percentiles.of(total), errorCounts, operationCounts, operationLatency,
                List.copyOf(timeline));
    }
}
