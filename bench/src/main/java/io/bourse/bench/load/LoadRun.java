package io.bourse.bench.load;

import io.bourse.client.BourseApiException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives a workload and measures it. Open loop: requests are due at a fixed rate whatever the
 * system does, each on its own virtual thread, and latency counts from the moment it was due.
 * Closed loop: a fixed number of users each send a request as soon as the last one answered, to
 * find the most the system will do.
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
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        long burstFrom = start + TimeUnit.SECONDS.toNanos(Math.max(0, seconds / 2 - 2));
        long burstTo = burstFrom + TimeUnit.SECONDS.toNanos(5);
        long nextReport = start + TimeUnit.SECONDS.toNanos(1);
        long due = start;
        List<Thread> threads = new ArrayList<>();
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
            if (!inFlight.tryAcquire()) {
                fail("client-overloaded");
                continue;
            }
            Operation operation = workload.get();
            Thread thread = Thread.ofVirtual().start(() -> {
                try {
                    execute(operation, intended);
                } finally {
                    inFlight.release();
                }
            });
            if (threads.size() < 1_000_000) {
                threads.add(thread);
            }
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        }
        report(seconds);
        double elapsed = (System.nanoTime() - start) / 1e9;
        return result("open", rate, elapsed);
    }

    /** {@code users} virtual users, each sending its next request as soon as the last one answers. */
    LoadResult closedLoop(int users, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong running = new AtomicLong(users);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < end) {
                    execute(workload.get(), System.nanoTime());
                }
                running.decrementAndGet();
            }));
        }
        for (int second = 1; second <= seconds; second++) {
            TimeUnit.NANOSECONDS.sleep(Math.max(0, start + TimeUnit.SECONDS.toNanos(second) - System.nanoTime()));
            report(second);
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(1));
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        return result("closed", users, elapsed);
    }

    private void execute(Operation operation, long intendedNanos) {
        try {
            operation.action().run();
            answered(operation, intendedNanos);
            operations.computeIfAbsent(operation.kind(), k -> new LongAdder()).increment();
        } catch (BourseApiException e) {
            if (operation.expectedRejections().contains(e.kind())) {
                answered(operation, intendedNanos);
                operations.computeIfAbsent(operation.kind() + " (" + e.kind() + ")", k -> new LongAdder()).increment();
                return;
            }
            fail(operation.kind() + ": " + e.status() + " " + e.kind());
        } catch (RuntimeException e) {
            fail(operation.kind() + ": " + e.getClass().getSimpleName());
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
