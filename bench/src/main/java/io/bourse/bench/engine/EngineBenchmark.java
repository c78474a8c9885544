package io.bourse.bench.engine;

import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.engine.node.ProposedEntries;
import io.bourse.engine.raft.RaftReplica;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The engine benchmark: orders placed, matched and settled through three-replica shards on
 * three engine nodes (in this JVM, on loopback, Raft logs fsynced), with no HTTP in front.
 *
 * <ol>
 *   <li>Maximum throughput, closed loop, after 20 s of unmeasured warm-up: every order is a one-lot limit that crosses its pair; the
 *       clock stops when the last order is seen FILLED on its account shard.</li>
 *   <li>Latency at half that rate, and at a light 1,000 orders/s, open loop: each order is sent on
 *       a fixed schedule by a caller of its own (as a gateway would), and latency runs from its
 *       scheduled send time to its FILLED (no coordinated omission).</li>
 *   <li>How throughput changes with 1, 2, 4 and 8 shards.</li>
 * </ol>
 *
 * <p>Usage: {@code java -cp bench/target/bourse-bench.jar io.bourse.bench.engine.EngineBenchmark [orders] [latencySeconds] [shardCounts] [latencyRate]}
 *
 * <p>{@code latencyRate} (orders/s) replaces "half the measured rate" for the loaded latency run, so
 * that two builds can be compared at the same offered load.
 */
public final class EngineBenchmark {
    private static final int BATCH = 100;
    private static final int SENDERS_PER_SHARD = 4;
    private static final int WARM_UP_SECONDS = 20;
    /** A light load, to show the pipeline's latency when nothing queues. */
    private static final double LIGHT_LOAD_ORDERS_PER_SECOND = 1_000;

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int latencySeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int[] shardCounts = args.length > 2 ? Arrays.stream(args[2].split(",")).mapToInt(Integer::parseInt).toArray() : new int[] {1, 2, 4, 8};
        double fixedLatencyRate = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        System.out.printf("Bourse engine benchmark: 3 engine nodes in one JVM, 3 replicas per shard, fsync on; %d cores, %s %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));

        Map<Integer, Double> throughputByShards = new HashMap<>();
        for (int shards : shardCounts) {
            try (BenchCluster cluster = new BenchCluster(shards)) {
                cluster.listInstrumentsAndWait();
                OrderFlow flow = new OrderFlow(cluster.client, shards, 500);
                warmUp(cluster, flow);
                if (shards == 4 || shardCounts.length == 1) {
                    baseLatencies(cluster, flow);
                }
                ProposedEntries entriesBefore = ProposedEntries.of(cluster.nodes);
                long cpuBefore = processCpuNanos();
                GcPauses gcBefore = GcPauses.now();
                long compilerBefore = compilerMillis();
                Throughput result = runClosedLoop(cluster, flow, orders);
                long cpuNanos = processCpuNanos() - cpuBefore;
                long compilerMillis = compilerBefore < 0 ? -1 : compilerMillis() - compilerBefore;
                GcPauses gc = GcPauses.now().since(gcBefore);
                ProposedEntries proposed = ProposedEntries.of(cluster.nodes).since(entriesBefore);
                throughputByShards.put(shards, result.ordersPerSecond());
                System.out.printf(Locale.ROOT, "%d shard(s): %,d orders placed, matched and settled in %.2f s = %,.0f orders/s; "
                                + "%.1f CPU µs per order (all three nodes and the load generator); %d rejected; garbage collection: %s%n",
                        shards, orders, result.seconds(), result.ordersPerSecond(), cpuNanos / 1_000.0 / orders, result.rejected(), gc);
                if (compilerMillis >= 0) {
                    System.out.printf(Locale.ROOT, "  JIT compiler threads busy %,d ms in the closed loop (at most %.0f %% of the process's CPU)%n",
                            compilerMillis, 100.0 * compilerMillis * 1_000_000 / cpuNanos);
                }
                System.out.printf(Locale.ROOT, "  log entries proposed: %,d carrying %,d commands (%.1f per entry, %.1f commands per order)%n",
                        proposed.entries(), proposed.commands(), proposed.commandsPerEntry(), (double) proposed.commands() / orders);
                if (shards == 4 || shardCounts.length == 1) {
                    runOpenLoop(cluster, flow, fixedLatencyRate > 0 ? fixedLatencyRate : result.ordersPerSecond() / 2, latencySeconds);
                    runOpenLoop(cluster, flow, LIGHT_LOAD_ORDERS_PER_SECOND, latencySeconds);
                }
            }
        }
        System.out.printf("%nScaling (closed loop, %,d orders):%n", orders);
        double base = throughputByShards.getOrDefault(shardCounts[0], 1.0);
        for (int shards : shardCounts) {
            System.out.printf(Locale.ROOT, "  %d shard(s): %,10.0f orders/s  (%.2fx of %d)%n", shards, throughputByShards.get(shards),
                    throughputByShards.get(shards) / base, shardCounts[0]);
        }
    }

    record Throughput(double seconds, double ordersPerSecond, long rejected) {}

    /**
     * Closed-loop load, unmeasured, until the JIT has compiled the hot paths: on 2 cores it takes
     * tens of seconds, and a short warm-up measures the compiler instead of the engine.
     */
    static void warmUp(BenchCluster cluster, OrderFlow flow) throws InterruptedException {
        long until = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
        while (System.nanoTime() < until) {
            runClosedLoop(cluster, flow, 20_000);
        }
    }

    /** One client, one request at a time, on an otherwise idle cluster: the cost of each kind of round trip. */
    static void baseLatencies(BenchCluster cluster, OrderFlow flow) throws InterruptedException {
        int rounds = 300;
        long account = flow.buyers.get(0);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            cluster.client.book(1, 5, true);
        }
        double staleRead = (System.nanoTime() - start) / 1e6 / rounds;
        start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            cluster.client.account(account);
        }
        double linearizableRead = (System.nanoTime() - start) / 1e6 / rounds;
        // One command per log entry: what a log entry costs, all three replicas and the caller together,
        // with and without the CPU the idle cluster spends anyway (timers, heartbeats), measured just before.
        double idleCpuShare = idleCpuShare(2_000);
        int commits = 2_000;
        long cpuBefore = processCpuNanos();
        start = System.nanoTime();
        for (int i = 0; i < commits; i++) {
            cluster.client.submit(new Command.Deposit(account, 900_000_000L + i, io.bourse.core.ledger.Ledger.CASH, 1));
        }
        long commitNanos = System.nanoTime() - start;
        double commit = commitNanos / 1e6 / commits;
        long commitCpuNanos = processCpuNanos() - cpuBefore;
        double cpuPerCommit = commitCpuNanos / 1e3 / commits;
        double cpuPerCommitBeyondIdle = (commitCpuNanos - idleCpuShare * commitNanos) / 1e3 / commits;
        int pairs = 50;
        // Settled is when the first replica (the leader) applies the fill: the counting replica may be a
        // follower, which learns of commits up to a heartbeat (100 ms) later.
        cluster.filledAtNanos.clear();
        cluster.recordTimes = true;
        start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            List<Command.PlaceOrder> pair = flow.nextPair();
            for (Command.PlaceOrder order : pair) {
                cluster.client.submit(order);
            }
            while (!pair.stream().allMatch(order -> cluster.filledAtNanos.containsKey(order.clientOrderId()))) {
                Thread.sleep(0, 100_000);
            }
        }
        double pair = (System.nanoTime() - start) / 1e6 / pairs;
        cluster.recordTimes = false;
        System.out.printf(Locale.ROOT, "Base latencies, one request at a time: stale read %.2f ms, linearizable read %.2f ms, "
                        + "commit (deposit) %.2f ms using %.0f CPU µs (%.0f beyond what the idle cluster uses, %.0f %% of a core), "
                        + "crossing pair placed and settled %.2f ms%n", staleRead, linearizableRead, commit,
                cpuPerCommit, cpuPerCommitBeyondIdle, idleCpuShare * 100, pair);
    }

    /** Sends {@code orders} orders as fast as the engine takes them; returns when the last is settled. */
    static Throughput runClosedLoop(BenchCluster cluster, OrderFlow flow, int orders) throws InterruptedException {
        Map<Integer, Queue<Command>> byShard = new HashMap<>();
        for (int i = 0; i < orders / 2; i++) {
            for (Command.PlaceOrder order : flow.nextPair()) {
                byShard.computeIfAbsent(cluster.client.directory().shardOfAccount(order.accountId()), s -> new ConcurrentLinkedQueue<>()).add(order);
            }
        }
        long target = cluster.filled.sum() + (orders / 2) * 2L;
        AtomicLong rejected = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (Map.Entry<Integer, Queue<Command>> shard : byShard.entrySet()) {
            for (int s = 0; s < SENDERS_PER_SHARD; s++) {
                senders.add(Thread.ofVirtual().start(() -> sendAll(cluster, shard.getKey(), shard.getValue(), rejected)));
            }
        }
        for (Thread sender : senders) {
            sender.join();
        }
        awaitFilled(cluster, target);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(seconds, (orders / 2) * 2L / seconds, rejected.get());
    }

    private static void sendAll(BenchCluster cluster, int shard, Queue<Command> queue, AtomicLong rejected) {
        List<Command> batch = new ArrayList<>(BATCH);
        while (true) {
            batch.clear();
            Command next;
            while (batch.size() < BATCH && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                return;
            }
            for (CommandResult result : cluster.client.submit(shard, batch)) {
                if (result.isRejected()) {
                    rejected.incrementAndGet();
                }
            }
        }
    }

    /** Sends pairs on a fixed schedule at {@code ordersPerSecond} for {@code seconds}, then reports latency percentiles. */
    static void runOpenLoop(BenchCluster cluster, OrderFlow flow, double ordersPerSecond, int seconds) throws InterruptedException {
        Map<String, Long> scheduledAt = new ConcurrentHashMap<>();
        cluster.filledAtNanos.clear();
        cluster.acceptedAtNanos.clear();
        cluster.recordTimes = true;
        long total = (long) (ordersPerSecond * seconds) / 2 * 2;
        long target = cluster.filled.sum() + total;
        long cpuBefore = processCpuNanos();
        GcPauses gcBefore = GcPauses.now();
        ProposedEntries entriesBefore = ProposedEntries.of(cluster.nodes);
        long start = System.nanoTime();
        long sent = 0;
        double pacingSum = 0;
        long pacingSamples = 0;
        while (sent < total) {
            pacingSum += RaftReplica.entryPacingLevel();
            pacingSamples++;
            long due = Math.min(total, (long) ((System.nanoTime() - start) / 1e9 * ordersPerSecond) / 2 * 2);
            for (; sent < due; sent += 2) {
                long scheduled = start + (long) (sent / ordersPerSecond * 1e9);
                for (Command.PlaceOrder order : flow.nextPair()) {
                    scheduledAt.put(order.clientOrderId(), scheduled);
                    // One order per caller, as a gateway would submit them; the client coalesces them per shard.
                    Thread.ofVirtual().start(() -> cluster.client.submit(order));
                }
            }
            Thread.sleep(1);
        }
        awaitFilled(cluster, target);
        double elapsedSeconds = (System.nanoTime() - start) / 1e9;
        double cpuShare = (processCpuNanos() - cpuBefore) / 1e9 / elapsedSeconds;
        GcPauses gc = GcPauses.now().since(gcBefore);
        ProposedEntries proposed = ProposedEntries.of(cluster.nodes).since(entriesBefore);
        cluster.recordTimes = false;
        Histogram histogram = new Histogram(60_000_000_000L, 3);
        Histogram toAccepted = new Histogram(60_000_000_000L, 3);
        Histogram acceptedToSettled = new Histogram(60_000_000_000L, 3);
        scheduledAt.forEach((clientOrderId, scheduled) -> {
            Long filled = cluster.filledAtNanos.get(clientOrderId);
            if (filled != null) {
                histogram.recordValue(Math.max(0, filled - scheduled));
            }
            Long accepted = cluster.acceptedAtNanos.get(clientOrderId);
            if (accepted != null && filled != null) {
                toAccepted.recordValue(Math.max(0, accepted - scheduled));
                acceptedToSettled.recordValue(Math.max(0, filled - accepted));
            }
        });
        System.out.printf(Locale.ROOT, "Latency, submit to settled, open loop at %,.0f orders/s for %d s (%,d orders, %,d measured; "
                        + "the process used %.0f %% of a core; garbage collection: %s):%n"
                        + "  p50 %.2f ms   p90 %.2f ms   p99 %.2f ms   p99.9 %.2f ms   max %.2f ms%n",
                ordersPerSecond, seconds, total, histogram.getTotalCount(), cpuShare * 100, gc,
                histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(90) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
                histogram.getValueAtPercentile(99.9) / 1e6, histogram.getMaxValue() / 1e6);
        System.out.printf(Locale.ROOT, "  of which: to accepted on the account shard p50 %.2f ms, p99 %.2f ms; "
                        + "from there, matched and settled, p50 %.2f ms, p99 %.2f ms%n",
                toAccepted.getValueAtPercentile(50) / 1e6, toAccepted.getValueAtPercentile(99) / 1e6,
                acceptedToSettled.getValueAtPercentile(50) / 1e6, acceptedToSettled.getValueAtPercentile(99) / 1e6);
        // Every log entry costs about the same whatever it carries; at light load each carries few.
        System.out.printf(Locale.ROOT, "  log entries: %,.0f a second, %.1f commands each, %.0f CPU µs per entry (all the process's CPU ÷ entries); "
                        + "entry pacing %.0f %% on average while sending%n",
                proposed.entries() / elapsedSeconds, proposed.commandsPerEntry(),
                cpuShare * elapsedSeconds * 1e6 / Math.max(1, proposed.entries()), 100 * pacingSum / Math.max(1, pacingSamples));
    }

    private static void awaitFilled(BenchCluster cluster, long target) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (cluster.filled.sum() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + cluster.filled.sum() + " of " + target + " orders settled within 120 s");
            }
            Thread.sleep(1);
        }
    }

    /** The share of a core this process uses over {@code millis} of doing nothing. */
    private static double idleCpuShare(long millis) throws InterruptedException {
        long cpuBefore = processCpuNanos();
        long start = System.nanoTime();
        Thread.sleep(millis);
        return (processCpuNanos() - cpuBefore) / (double) (System.nanoTime() - start);
    }

    /**
     * Time the JIT's compiler threads have spent compiling since the JVM started (elapsed, not CPU,
     * so an upper bound on their CPU). Why the closed loop reports it: on 2 cores the compiler is
     * still busy tens of seconds after the warm-up (the long tail of first compilations), and its
     * CPU is then missing for the engine. -1 where the JVM does not monitor it (not 0, which would
     * read as an idle compiler).
     */
    private static long compilerMillis() {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported() ? compiler.getTotalCompilationTime() : -1;
    }

    /** CPU time of the whole process: all three nodes and the load generator. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
