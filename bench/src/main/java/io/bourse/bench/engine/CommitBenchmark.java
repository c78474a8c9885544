package io.bourse.bench.engine;

import io.bourse.core.ledger.Ledger;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What one log entry costs once the nodes' Raft logs have been written for a while: one deposit
 * at a time, each its own entry, after batches of deposits that write about {@code fillMb} MB
 * into each node's write-ahead log.
 *
 * <p>Why the fill: {@link EngineBenchmark}'s base latencies are taken on fresh logs, and a fresh
 * RocksDB write-ahead log behaves differently from one that has turned over its files (at 256 MiB
 * in total, after which RocksDB overwrites obsolete files instead of creating new ones). A
 * deployment spends nearly all its life in the second state.
 *
 * <p>Usage: {@code java -cp bench/target/bourse-bench.jar io.bourse.bench.engine.CommitBenchmark [fillMb=400] [warmUpSeconds=10] [seconds=30]}
 */
public final class CommitBenchmark {
    private static final int FILL_BATCH = 1_000;
    /** What a deposit, batched, adds to each node's write-ahead log (measured: 1.67 M deposits, 55 MB). */
    private static final int BYTES_PER_DEPOSIT = 33;

    public static void main(String[] args) throws Exception {
        int fillMb = argument(args, 0, "fillMb", 400, 0);
        int warmUpSeconds = argument(args, 1, "warmUpSeconds", 10, 0);
        int seconds = argument(args, 2, "seconds", 30, 1);
        try (BenchCluster cluster = new BenchCluster(4)) {
            cluster.listInstrumentsAndWait();
            long account = new OrderFlow(cluster.client, 4, 500).buyers.get(0);
            int shard = cluster.client.directory().shardOfAccount(account);
            Deposits deposits = new Deposits(account);

            long start = System.nanoTime();
            for (long bytes = 0; bytes < fillMb * 1_000_000L; bytes += (long) FILL_BATCH * BYTES_PER_DEPOSIT) {
                List<Command> batch = new ArrayList<>(FILL_BATCH);
                for (int i = 0; i < FILL_BATCH; i++) {
                    batch.add(deposits.next());
                }
                cluster.client.submit(shard, batch).forEach(CommitBenchmark::requireAccepted);
            }
            System.out.printf(Locale.ROOT, "filled the logs with %,d deposits (about %d MB of write-ahead log on each node) in %.1f s%n",
                    deposits.count, fillMb, (System.nanoTime() - start) / 1e9);

            long warmUpUntil = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
            while (System.nanoTime() < warmUpUntil) {
                requireAccepted(cluster.client.submit(deposits.next()));
            }
            System.out.printf("write-ahead-log files reused so far (all nodes): %d%n", reusedWalFiles(cluster.data));

            long commitsBefore = deposits.count;
            long cpuBefore = EngineBenchmark.processCpuNanos();
            start = System.nanoTime();
            long until = start + seconds * 1_000_000_000L;
            while (System.nanoTime() < until) {
                requireAccepted(cluster.client.submit(deposits.next()));
            }
            long commits = deposits.count - commitsBefore;
            double elapsedSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "one deposit at a time for %.0f s: %,d commits, %.3f ms each, %.0f CPU µs each "
                            + "(all three nodes and the caller)%n",
                    elapsedSeconds, commits, elapsedSeconds * 1_000 / commits, (EngineBenchmark.processCpuNanos() - cpuBefore) / 1e3 / commits);
        }
    }

    /** The {@code index}-th argument as a whole number of at least {@code min}; exits with a usage message otherwise. */
    private static int argument(String[] args, int index, String name, int absent, int min) {
        if (args.length <= index) {
            return absent;
        }
        try {
            int value = Integer.parseInt(args[index]);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // falls through to the usage message
        }
        System.err.printf("%s must be a whole number of at least %d, not \"%s\"%n"
                + "usage: CommitBenchmark [fillMb=400] [warmUpSeconds=10] [seconds=30]%n", name, min, args[index]);
        System.exit(2);
        return absent;
    }

    /** A deposit not applied as a new one would make the figures mean something else: stop. */
    private static void requireAccepted(CommandResult result) {
        if (result.outcome() != Outcome.ACCEPTED) {
            throw new IllegalStateException("a deposit was answered " + result.outcome()
                    + (result.reason() != null ? " (" + result.reason() + ")" : "") + " instead of accepted");
        }
    }

    /** Deposits of one unit of cash, each with a new idempotency key. */
    private static final class Deposits {
        private final long account;
        private long count;

        Deposits(long account) {
            this.account = account;
        }

        Command next() {
            return new Command.Deposit(account, 900_000_000L + count++, Ledger.CASH, 1);
        }
    }

    /** How often RocksDB has reused an obsolete write-ahead-log file, from the nodes' RocksDB info logs. */
    private static long reusedWalFiles(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data)) {
            return files.filter(file -> file.getFileName().toString().equals("LOG"))
                    .mapToLong(CommitBenchmark::linesReusingALog).sum();
        }
    }

    private static long linesReusingALog(Path infoLog) {
        try (Stream<String> lines = Files.lines(infoLog)) {
            return lines.filter(line -> line.contains("reusing log")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
