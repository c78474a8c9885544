package io.bourse.bench.engine;

import io.bourse.core.shard.Command;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.raft.RaftReplica;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency over a long run: the engine benchmark's open loop (crossing pairs through three-replica
 * shards, latency from each order's scheduled send time to its FILLED) held at one rate for
 * minutes, reported per window, so that what a short run never meets shows: periodic snapshots
 * (every 5 minutes by default; each window counts the replicas' snapshots saved and the leaders
 * elected or handed to), the log's compactions, old-generation collections as the state grows.
 *
 * <p>Usage: {@code java -cp bench/target/bourse-bench.jar io.bourse.bench.engine.SoakBenchmark [ordersPerSecond=5000] [seconds=420] [windowSeconds=10] [shards=4]}
 */
public final class SoakBenchmark {
    /** A window whose slowest order took longer than this is called out. */
    private static final long STALL_NANOS = 1_000_000_000L;

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 5_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 420;
        int windowSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int shards = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        System.out.printf(Locale.ROOT, "Bourse soak benchmark: %,.0f orders/s for %d s, 3 engine nodes in one JVM, %d shard(s) of 3 replicas, "
                        + "fsync on; %d cores, %s %s, max heap %,d MB%n", rate, seconds, shards, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        try (BenchCluster cluster = new BenchCluster(shards)) {
            cluster.listInstrumentsAndWait();
            OrderFlow flow = new OrderFlow(cluster.client, shards, 500);
            EngineBenchmark.warmUp(cluster, flow);
            run(cluster, flow, rate, seconds, windowSeconds);
        }
    }

    private static void run(BenchCluster cluster, OrderFlow flow, double rate, int seconds, int windowSeconds) throws InterruptedException {
        Map<String, Long> scheduledAt = new ConcurrentHashMap<>();
        Recorder window = new Recorder(60_000_000_000L, 3);
        cluster.fillListener = (clientOrderId, filledAt) -> {
            Long scheduled = scheduledAt.remove(clientOrderId); // the first replica to apply it; the others find it gone
            if (scheduled != null) {
                window.recordValue(Math.max(0, filledAt - scheduled));
            }
        };
        Histogram whole = new Histogram(60_000_000_000L, 3);
        List<String> stalls = new ArrayList<>();
        System.out.println("   time    filled/s      p50 ms      p99 ms      max ms   collections (ms)   heap used MB   snapshots  new leaders");
        long total = (long) (rate * seconds) / 2 * 2;
        long start = System.nanoTime();
        long nextWindow = start + windowSeconds * 1_000_000_000L;
        GcPauses gcAtWindow = GcPauses.now();
        int snapshotsAtWindow = sumOverReplicas(cluster, RaftReplica::snapshotsSaved);
        int leadersAtWindow = sumOverReplicas(cluster, RaftReplica::leadershipsTaken);
        long sent = 0;
        Histogram interval = null;
        while (sent < total || !scheduledAt.isEmpty()) {
            long now = System.nanoTime();
            if (sent < total) {
                long due = Math.min(total, (long) ((now - start) / 1e9 * rate) / 2 * 2);
                for (; sent < due; sent += 2) {
                    long scheduled = start + (long) (sent / rate * 1e9);
                    for (Command.PlaceOrder order : flow.nextPair()) {
                        scheduledAt.put(order.clientOrderId(), scheduled);
                        Thread.ofVirtual().start(() -> cluster.client.submit(order));
                    }
                }
            } else if (now - start > (seconds + 120) * 1_000_000_000L) {
                throw new IllegalStateException(scheduledAt.size() + " orders not settled 120 s after the last was sent");
            }
            if (now >= nextWindow) {
                interval = window.getIntervalHistogram(interval);
                whole.add(interval);
                GcPauses gc = GcPauses.now();
                GcPauses inWindow = gc.since(gcAtWindow);
                gcAtWindow = gc;
                long heapUsed = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                int snapshots = sumOverReplicas(cluster, RaftReplica::snapshotsSaved);
                int leaders = sumOverReplicas(cluster, RaftReplica::leadershipsTaken);
                double at = (now - start) / 1e9;
                String line = String.format(Locale.ROOT, "%6.0f s  %,10.0f  %10.2f  %10.2f  %10.2f  %6d (%,7d)  %,13d  %10d  %11d", at,
                        interval.getTotalCount() / (double) windowSeconds, interval.getValueAtPercentile(50) / 1e6,
                        interval.getValueAtPercentile(99) / 1e6, interval.getMaxValue() / 1e6, inWindow.collections(), inWindow.millis(), heapUsed,
                        snapshots - snapshotsAtWindow, leaders - leadersAtWindow);
                snapshotsAtWindow = snapshots;
                leadersAtWindow = leaders;
                System.out.println(line);
                if (interval.getMaxValue() > STALL_NANOS) {
                    stalls.add(line.trim());
                }
                nextWindow += windowSeconds * 1_000_000_000L;
            }
            Thread.sleep(1);
        }
        cluster.fillListener = null;
        whole.add(window.getIntervalHistogram());
        System.out.printf(Locale.ROOT, "Whole run: %,d orders settled; p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                whole.getTotalCount(), whole.getValueAtPercentile(50) / 1e6, whole.getValueAtPercentile(99) / 1e6,
                whole.getValueAtPercentile(99.9) / 1e6, whole.getMaxValue() / 1e6);
        System.out.printf("Windows with an order slower than %d s: %d of %d%n", STALL_NANOS / 1_000_000_000L, stalls.size(),
                seconds / windowSeconds);
        stalls.forEach(line -> System.out.println("  " + line));
    }

    /** A count summed over every replica of every group on every node (snapshots saved, leaderships taken). */
    private static int sumOverReplicas(BenchCluster cluster, ToIntFunction<RaftReplica<?>> count) {
        int sum = 0;
        for (EngineNode node : cluster.nodes) {
            if (node.directory() != null) {
                sum += count.applyAsInt(node.directory());
            }
            for (RaftReplica<?> replica : node.shards().values()) {
                sum += count.applyAsInt(replica);
            }
        }
        return sum;
    }
}
