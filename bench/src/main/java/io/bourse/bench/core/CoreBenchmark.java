package io.bourse.bench.core;

import io.bourse.core.book.OrderBook;
import io.bourse.core.book.PriceTimeOrderBook;
import io.bourse.core.book.ReferenceOrderBook;
import io.bourse.core.ledger.Ledger;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The core benchmark: the order-book workload through the fast book alone, the reference book
 * alone (the baseline measured in the same run), and the whole shard state machine. Each cycle
 * starts from a fresh pre-filled state (not timed), times the 3,000,000 commands, then checks the
 * result: the final book must equal the generator's, and (for the shard) every asset must balance.
 *
 * <p>Usage: {@code java -jar bench/target/bourse-bench.jar [cycles] [warmupCycles] [timedCommands]}
 * (defaults 7, 3, 3,000,000).
 */
public final class CoreBenchmark {
    private static final long SEED = 34_400;
    private static final int PREFILL_ORDERS = 1_000;

    /** Each mode runs in a JVM of its own, so that no mode's profile shapes another's compiled code. */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-Xms4g", "-Xmx4g", "-XX:+UseParallelGC",
            "-XX:+UseTransparentHugePages", "-XX:+AlwaysPreTouch");
    private static final List<String> MODES = List.of("reference", "book", "shard", "memory");
    /**
     * Commands replayed per call. One call for all 3 million left the replay loop to on-stack
     * replacement, whose code, compiled from an early profile, could stay in place for a whole JVM:
     * the same build then measured 4.6 M or 6.6 M commands/s from one JVM to the next, steady within
     * each. Many short calls get the loop compiled as a normal method.
     */
    private static final int CHUNK = 4_096;

    public static void main(String[] args) throws Exception {
        boolean child = args.length > 0 && args[0].equals("--mode");
        String[] numbers = child ? Arrays.copyOfRange(args, 2, args.length) : args;
        int cycles = numbers.length > 0 ? Integer.parseInt(numbers[0]) : 7;
        int warmup = numbers.length > 1 ? Integer.parseInt(numbers[1]) : 3;
        int commands = numbers.length > 2 ? Integer.parseInt(numbers[2]) : 3_000_000;
        if (child) {
            runMode(args[1], cycles, warmup, commands);
            return;
        }
        System.out.printf("Bourse core benchmark: %d timed commands, %d warm-up + %d measured cycles, %d cores, %s %s%n"
                        + "Each mode in its own JVM: %s%n", commands, warmup, cycles, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"), String.join(" ", CHILD_JVM_OPTIONS));
        List<Result> results = new ArrayList<>();
        List<String> memory = new ArrayList<>();
        for (String mode : MODES) {
            for (String line : runChild(mode, numbers)) {
                if (line.startsWith("RESULT ")) {
                    String[] parts = line.substring(7).split("\\|");
                    results.add(new Result(parts[0], Arrays.stream(parts[1].trim().split(" ")).mapToDouble(Double::parseDouble).toArray()));
                } else if (line.startsWith("MEMORY ")) {
                    memory.add(line.substring(7));
                }
            }
        }
        Result baseline = results.get(0);
        System.out.printf("%n%-24s %14s %14s %14s %10s%n", "", "median ops/s", "min ops/s", "max ops/s", "vs ref");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-24s %,14.0f %,14.0f %,14.0f %9.2fx%n", r.name, r.median(), r.min(), r.max(),
                    r.median() / baseline.median());
        }
        System.out.printf("%nHeap per open order:%n");
        memory.forEach(line -> System.out.println("  " + line));
    }

    private static List<String> runChild(String mode, String[] numbers) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(CHILD_JVM_OPTIONS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CoreBenchmark.class.getName(), "--mode", mode));
        command.addAll(List.of(numbers));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var output = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream()))) {
            for (String line; (line = output.readLine()) != null; ) {
                lines.add(line);
                if (!line.startsWith("RESULT ") && !line.startsWith("MEMORY ")) {
                    System.out.println(line);
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("benchmark mode " + mode + " failed");
        }
        return lines;
    }

    private static void runMode(String mode, int cycles, int warmup, int commands) {
        if (mode.equals("memory")) {
            System.out.printf(Locale.ROOT, "MEMORY order book (fast), 1,000,000 resting: %,.0f bytes%n", bytesPerRestingOrder(1_000_000));
            System.out.printf(Locale.ROOT, "MEMORY shard, both sides (order, hold, client order id, book), 200,000 open: %,.0f bytes%n",
                    bytesPerOpenShardOrder(200_000));
            return;
        }
        long started = System.nanoTime();
        OrderBookWorkload workload = OrderBookWorkload.generate(SEED, PREFILL_ORDERS, commands);
        if (mode.equals("reference")) {
            System.out.printf("Workload generated in %.1f s; timed command mix:%n%s", (System.nanoTime() - started) / 1e9, workload.mix());
        }
        Result result = switch (mode) {
            case "reference" -> measure("order book (reference)", cycles, warmup, () -> bookCycle(workload, ReferenceOrderBook::new));
            case "book" -> measure("order book (fast)", cycles, warmup, () -> bookCycle(workload, PriceTimeOrderBook::new));
            case "shard" -> measure("shard state machine", cycles, warmup, () -> shardCycle(workload));
            default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
        StringBuilder line = new StringBuilder("RESULT " + result.name + "|");
        for (double opsPerSecond : result.opsPerSecond) {
            line.append(' ').append(opsPerSecond);
        }
        System.out.println(line);
    }

    record Result(String name, double[] opsPerSecond) {
        double median() {
            double[] sorted = opsPerSecond.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        double min() {
            return Arrays.stream(opsPerSecond).min().orElse(0);
        }

        double max() {
            return Arrays.stream(opsPerSecond).max().orElse(0);
        }
    }

    private static Result measure(String name, int cycles, int warmup, Supplier<Double> cycle) {
        double[] measured = new double[cycles];
        for (int i = 0; i < warmup + cycles; i++) {
            double opsPerSecond = cycle.get();
            if (i >= warmup) {
                measured[i - warmup] = opsPerSecond;
            }
            System.out.printf(Locale.ROOT, "  %-24s cycle %2d%s %,14.0f ops/s%n", name, i + 1, i < warmup ? " (warm-up)" : "          ", opsPerSecond);
        }
        return new Result(name, measured);
    }

    private static double bookCycle(OrderBookWorkload workload, Supplier<OrderBook> books) {
        OrderBook book = books.get();
        BookReplay replay = new BookReplay(book);
        replay.run(workload, 0, workload.prefillCommands);
        collectSetUpGarbage();
        long start = System.nanoTime();
        for (int from = workload.prefillCommands; from < workload.size; from += CHUNK) {
            replay.run(workload, from, Math.min(workload.size, from + CHUNK));
        }
        long elapsed = System.nanoTime() - start;
        check(OrderBookWorkload.describe(book, 0).equals(workload.expectedFinalBook), "final book differs from the generator's");
        return workload.timedCommands() / (elapsed / 1e9);
    }

    private static double shardCycle(OrderBookWorkload workload) {
        ShardReplay replay = new ShardReplay(workload);
        replay.run(0, workload.prefillCommands);
        collectSetUpGarbage();
        long start = System.nanoTime();
        for (int from = workload.prefillCommands; from < workload.size; from += CHUNK) {
            replay.run(from, Math.min(workload.size, from + CHUNK));
        }
        long elapsed = System.nanoTime() - start;
        check(replay.rejections == 0, replay.rejections + " commands were rejected");
        check(OrderBookWorkload.describe(replay.shard.book(ShardReplay.INSTRUMENT.id()), ShardReplay.ORDER_ID_OFFSET)
                .equals(workload.expectedFinalBook), "the shard's final book differs from the generator's");
        for (int asset : new int[] {Ledger.CASH, ShardReplay.INSTRUMENT.id()}) {
            check(replay.shard.ledger().sumOfBalances(asset) == 0, "asset " + asset + " does not balance");
            check(replay.shard.balance(Ledger.CLEARING, asset) == 0, "clearing is not flat in asset " + asset);
        }
        replay.shard.checkInvariants();
        return workload.timedCommands() / (elapsed / 1e9);
    }

    /**
     * Collects before the timed phase: otherwise the first young collection inside it copies the
     * set-up's objects (the shard's 3 million prepared commands, the previous cycle's state), a
     * pause of 0.2 s charged to whichever cycle it lands in.
     */
    private static void collectSetUpGarbage() {
        System.gc();
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("benchmark result is wrong: " + problem);
        }
    }

    /** Used heap after a full collection, with and without a book of {@code count} resting orders. */
    private static double bytesPerRestingOrder(int count) {
        long before = usedHeapAfterGc();
        PriceTimeOrderBook book = new PriceTimeOrderBook();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 1; i <= count; i++) {
            boolean buy = (i & 1) == 0;
            long price = buy ? 34_399 - random.nextLong(2_000) : 34_400 + random.nextLong(2_000);
            book.place(i, 1 + random.nextInt(OrderBookWorkload.ACCOUNTS), 0, buy ? Side.BUY : Side.SELL, price,
                    1 + random.nextLong(100), TimeInForce.GOOD_TILL_CANCELED, false, new BookReplay(book));
        }
        long after = usedHeapAfterGc();
        check(book.restingOrderCount() == count, "orders crossed while filling the book");
        return (after - before) / (double) count;
    }

    /** The same for open orders in a whole shard: account side (order, hold, client order id) and book side. */
    private static double bytesPerOpenShardOrder(int count) {
        OrderBookWorkload empty = OrderBookWorkload.generate(1, 0, 0);
        ShardReplay replay = new ShardReplay(empty);
        long before = usedHeapAfterGc();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 1; i <= count; i++) {
            boolean buy = (i & 1) == 0;
            long price = buy ? 34_399 - random.nextLong(2_000) : 34_400 + random.nextLong(2_000);
            var result = replay.shard.apply(1_000, new io.bourse.core.shard.Command.PlaceOrder(1 + (i % OrderBookWorkload.ACCOUNTS),
                    "o" + i, ShardReplay.INSTRUMENT.id(), buy ? Side.BUY : Side.SELL, io.bourse.core.order.OrderType.LIMIT,
                    TimeInForce.GOOD_TILL_CANCELED, price, 0, 1 + random.nextLong(100), false));
            check(!result.isRejected(), "order rejected: " + result.reason());
        }
        long after = usedHeapAfterGc();
        check(replay.shard.openOrderCount() == count, "orders closed while filling the shard");
        return (after - before) / (double) count;
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
