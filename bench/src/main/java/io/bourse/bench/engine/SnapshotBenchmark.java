package io.bourse.bench.engine;

import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.ShardEvent;
import io.bourse.core.shard.ShardLimits;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.raft.RaftReplica;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * What a snapshot costs a shard that is trading: one shard of three replicas holding a day's worth
 * of state (settled orders and their history, and a book of resting orders), one caller committing
 * one command at a time while the leader snapshots where it stands (callers' results come from the
 * leader's apply, so its pause is theirs), while it snapshots as scheduled (it hands its leadership
 * to a follower first), and then while every replica snapshots at once: the worst case on one
 * machine (each replica's first snapshot falls at a random point of its interval, so they seldom
 * coincide). Prints the commit latency quiet and in each case, how long the snapshots took,
 * and the snapshot's size.
 *
 * <p>A replica applies nothing while it captures its state, so a caller waits at least that long;
 * everything a snapshot does after the capture should not hold the apply thread.
 *
 * <p>Usage: {@code java -cp bench/target/bourse-bench.jar io.bourse.bench.engine.SnapshotBenchmark [settledOrders=1000000] [restingOrdersPerAccount=400] [rounds=3]}
 */
public final class SnapshotBenchmark {
    private static final int ACCOUNTS_PER_SIDE = 500;
    private static final int BATCH = 100;
    private static final long QUIET_PHASE_NANOS = 3_000_000_000L;

    public static void main(String[] args) throws Exception {
        int settledOrders = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int restingPerAccount = args.length > 1 ? Integer.parseInt(args[1]) : 400;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf("Bourse snapshot benchmark: 1 shard, 3 replicas in one JVM, fsync on; %d cores, %s %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"));
        try (BenchCluster cluster = new BenchCluster(1)) {
            cluster.listInstrumentsAndWait();
            OrderFlow flow = new OrderFlow(cluster.client, 1, ACCOUNTS_PER_SIDE);
            long start = System.nanoTime();
            EngineBenchmark.runClosedLoop(cluster, flow, settledOrders);
            int resting = placeRestingOrders(cluster, flow, restingPerAccount);
            System.out.printf(Locale.ROOT, "State: %,d orders placed and settled, %,d resting (%.0f s to build)%n",
                    settledOrders, resting, (System.nanoTime() - start) / 1e9);
            long account = flow.buyers.get(0);
            for (int round = 1; round <= rounds; round++) {
                Histogram quiet = commitWhile(cluster, account, () -> sleep(QUIET_PHASE_NANOS));
                List<Double> leaderSeconds = new ArrayList<>();
                Histogram leaderAlone = commitWhile(cluster, account, () -> leaderSeconds.addAll(snapshot(cluster, true)));
                List<Double> handOverSeconds = new ArrayList<>();
                Histogram handOver = commitWhile(cluster, account, () -> handOverSeconds.add(snapshotAsScheduled(cluster)));
                List<Double> everySeconds = new ArrayList<>();
                Histogram everyReplica = commitWhile(cluster, account, () -> everySeconds.addAll(snapshot(cluster, false)));
                System.out.printf(Locale.ROOT, "Round %d: commit one at a time, quiet: %s%n"
                                + "         while the leader snapshots: %s; the snapshot took %s s%n"
                        + "         while the leader hands over and then snapshots (as scheduled): %s; it took %s s%n"
                                + "         while every replica snapshots: %s; the snapshots took %s s%n"
                                + "         snapshot file %,.1f MB%n",
                        round, latencies(quiet), latencies(leaderAlone), formatted(leaderSeconds), latencies(handOver),
                        formatted(handOverSeconds), latencies(everyReplica),
                        formatted(everySeconds), largestSnapshotFile(cluster) / 1e6);
            }
            byte[] snapshot = cluster.nodes.get(0).shard(1).readLocal(state -> state.machine().snapshot());
            List<Double> restoreSeconds = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                long restoreStart = System.nanoTime();
                ShardStateMachine.restore(snapshot, ShardLimits.defaults(), ShardEvent.Sink.NONE);
                restoreSeconds.add((System.nanoTime() - restoreStart) / 1e9);
            }
            // What a replica does on restart or snapshot install, before it replays the log after the snapshot.
            System.out.printf(Locale.ROOT, "Restoring the state from its snapshot (%,.1f MB), one thread: %s s%n",
                    snapshot.length / 1e6, formatted(restoreSeconds));
        }
    }

    /** Each buyer rests buys below the market and each seller sells above it: a deep book that never trades. */
    private static int placeRestingOrders(BenchCluster cluster, OrderFlow flow, int perAccount) {
        List<Command> batch = new ArrayList<>(BATCH);
        int placed = 0;
        int shard = 1;
        for (int i = 0; i < perAccount; i++) {
            long priceOffset = 1 + i % 900; // within the instrument's 10 % band around $100.00
            for (long buyer : flow.buyers) {
                batch.add(order(buyer, "rb" + buyer + "-" + i, Side.BUY, OrderFlow.PRICE_CENTS - priceOffset));
            }
            for (long seller : flow.sellers) {
                batch.add(order(seller, "rs" + seller + "-" + i, Side.SELL, OrderFlow.PRICE_CENTS + priceOffset));
            }
            for (int from = 0; from < batch.size(); from += BATCH) {
                for (CommandResult result : cluster.client.submit(shard, batch.subList(from, Math.min(batch.size(), from + BATCH)))) {
                    if (result.isRejected()) {
                        throw new IllegalStateException("a resting order was rejected: " + result);
                    }
                    placed++;
                }
            }
            batch.clear();
        }
        return placed;
    }

    private static Command.PlaceOrder order(long account, String clientOrderId, Side side, long priceCents) {
        return new Command.PlaceOrder(account, clientOrderId, 1, side, OrderType.LIMIT, TimeInForce.GOOD_TILL_CANCELED, priceCents, 0, 1, false);
    }

    /** Commits deposits one at a time, each waiting for the last, for as long as {@code phase} runs; returns their latencies. */
    private static Histogram commitWhile(BenchCluster cluster, long account, Runnable phase) throws InterruptedException {
        Histogram latencies = new Histogram(60_000_000_000L, 3);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread committer = Thread.ofPlatform().name("bench-committer").start(() -> {
            long transferId = 2_000_000_000L + System.nanoTime() % 1_000_000_000L;
            while (running.get()) {
                long sent = System.nanoTime();
                cluster.client.submit(new Command.Deposit(account, transferId++, Ledger.CASH, 1));
                latencies.recordValue(System.nanoTime() - sent);
            }
        });
        try {
            phase.run();
        } finally {
            running.set(false);
            committer.join();
        }
        return latencies;
    }

    /** Asks the shard's leader, or every replica at once, to snapshot now; returns how long each took, in seconds. */
    private static List<Double> snapshot(BenchCluster cluster, boolean leaderOnly) {
        String group = ClusterLayout.shardGroupId(1);
        List<CompletableFuture<Double>> taken = new ArrayList<>();
        for (EngineNode node : cluster.nodes) {
            RaftReplica<?> replica = node.replica(group);
            if (leaderOnly && !replica.isLeader()) {
                continue;
            }
            long start = System.nanoTime();
            taken.add(replica.snapshotNow().thenApply(status -> {
                if (!status.isOk()) {
                    throw new IllegalStateException("snapshot failed: " + status);
                }
                return (System.nanoTime() - start) / 1e9;
            }));
        }
        return taken.stream().map(future -> {
            try {
                return future.get(10, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("a replica's snapshot did not complete", e);
            }
        }).toList();
    }

    /** Has the shard's leader take its snapshot as its schedule would: it hands over first; returns the seconds until saved. */
    private static double snapshotAsScheduled(BenchCluster cluster) {
        String group = ClusterLayout.shardGroupId(1);
        RaftReplica<?> leader = cluster.nodes.stream().map(node -> node.replica(group)).filter(RaftReplica::isLeader).findFirst()
                .orElseThrow(() -> new IllegalStateException(group + " has no leader"));
        int ledBefore = leader.snapshotsSavedLeading();
        long start = System.nanoTime();
        try {
            var status = leader.snapshotAsScheduled().get(10, TimeUnit.MINUTES);
            if (!status.isOk()) {
                throw new IllegalStateException("snapshot failed: " + status);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the scheduled snapshot did not complete", e);
        }
        if (leader.snapshotsSavedLeading() != ledBefore) {
            System.out.println("         (the leader could not hand over and snapshotted as leader)");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long largestSnapshotFile(BenchCluster cluster) throws IOException {
        try (Stream<Path> files = Files.walk(cluster.data)) {
            return files.filter(path -> path.getFileName().toString().equals("state.bin")).mapToLong(path -> {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max().orElse(0);
        }
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(nanos / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String latencies(Histogram histogram) {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d commits)", histogram.getValueAtPercentile(50) / 1e6,
                histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6, histogram.getTotalCount());
    }

    private static String formatted(List<Double> seconds) {
        return String.join(" / ", seconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
    }
}
