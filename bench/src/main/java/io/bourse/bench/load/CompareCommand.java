package io.bourse.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.bourse.baseline.BaselineServer;
import io.bourse.baseline.LocalPostgres;
import io.bourse.client.BourseClient;
import io.bourse.client.HttpTransport;
import io.bourse.client.model.Instrument;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bourse bench compare}: the same order-entry load, on the same machine, against the
 * baseline (1, 2, 4 stateless API servers over one PostgreSQL) and against Bourse (1, 2, 4
 * gateways over the same shard setup). Prints throughput and p99 side by side with the ratio, CPU
 * seconds per 1,000 orders, and how busy each process was. With {@code --processes} every server
 * runs in a process of its own, so the table shows which one saturates.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Runs the order-entry load against the baseline (one PostgreSQL) and Bourse, side by side.")
public final class CompareCommand implements Callable<Integer> {
    private static final String BASELINE = "baseline";
    private static final String BOURSE = "bourse";
    private static final String LOAD_GENERATOR = "load generator";
    private static final String LOAD_GENERATOR_AND_SERVERS = "load generator and servers";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--instances", split = ",", defaultValue = "1,2,4", description = "API servers / gateways (default: ${DEFAULT-VALUE}).")
    List<Integer> instances;

    /**
     * One system alone is for tuning it, not for a ratio: the baseline's connections swept with
     * {@code --systems baseline --pool 8}, then {@code --pool 16}, at half the time of whole comparisons.
     */
    @Option(names = "--systems", split = ",", defaultValue = "baseline,bourse",
            description = "Which systems to run: baseline, bourse or both (default: ${DEFAULT-VALUE}); the ratio needs both.")
    List<String> systems;

    @Option(names = "--closed", defaultValue = "256", description = "Closed-loop users (default: ${DEFAULT-VALUE}).")
    int closedUsers;

    /**
     * Each system in its best setup for the machine, as the baseline's connections are: on two
     * cores, two shards (three replicas each) did 1.29-1.46x the orders/s of four at every size
     * in two alternating pairs (2026-12-07: 7,257-8,312 against 5,382-5,938 at 1, 2 and 4
     * gateways, p99 104-121 ms against 117-127 ms; three shards, once, 6,259-7,784), since every
     * group costs the same Raft work per log entry on each of its replicas and more groups cannot
     * add cores. The engine benchmark measures 1 to 8 shards apart.
     */
    @Option(names = "--shards", defaultValue = "2", description = "Shards of the Bourse compared (default: ${DEFAULT-VALUE}).")
    int shards;

    /**
     * The database's connections in all, shared evenly by the baseline's servers: the database, not
     * the number of servers in front of it, sets how many it can use. With 16 per server, four
     * servers opened 64 connections to a database with two cores and eight instrument rows to lock,
     * and did 582 / 783 orders/s against 912 / 951 with 4 each (2026-12-07). Swept on two cores
     * (4, 8, 16, 32 in all, two runs each at 1, 2 and 4 servers): 8 had the highest median, 1,147
     * orders/s, against 1,078, 1,110 and 1,094; with 4 the machine was 75-81 % busy, against 87-92 %.
     */
    @Option(names = "--pool", defaultValue = "8",
            description = "Database connections of the baseline in all, spread evenly over its servers (default: ${DEFAULT-VALUE}).")
    int pool;

    /**
     * Off by default: on one small machine, five or more JVMs (each compiling and collecting on its
     * own) cost Bourse more than they show. Measured on 2 cores with one gateway: 1,187–1,920
     * orders/s in processes against 3,121 in one JVM, with the machine not even saturated.
     */
    @Option(names = "--processes", description = "Run every server (engine node, gateway, API server) in a process of its own, "
            + "to see which one saturates.")
    boolean processes;

    /**
     * This VM's speed drifts by a quarter within an hour, and a run of each system one after the
     * other lets that drift into the ratio: the ratios of one comparison repeated three times
     * spread from 5.2x to 10.4x (2026-12-07). Several rounds, each system first in every other
     * round, give medians that one slow or fast stretch does not move.
     */
    @Option(names = "--rounds", defaultValue = "1",
            description = "Times to measure both systems at every size, each first in every other round; the summary gives medians "
                    + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--out", defaultValue = "bench-results/compare", description = "Folder for results and server logs (default: ${DEFAULT-VALUE}).")
    Path out;

    /** One system at one size in one round (from 1), and the CPU seconds each process spent on the measured run. */
    record Row(String system, int instances, int round, LoadResult result, Map<String, Double> cpuSeconds) {
        double totalCpuSeconds() {
            return cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double cpuPerThousand() {
            return totalCpuSeconds() / Math.max(1, result.completed()) * 1_000;
        }

        /** Percent of one core: 100 is one core busy all the run. */
        double busy(String process) {
            return cpuSeconds.get(process) / result.durationSeconds() * 100;
        }

        String busiest() {
            return cpuSeconds.keySet().stream().max(Comparator.comparingDouble(this::busy)).orElseThrow();
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        String invalid = invalidOptions();
        if (invalid != null) {
            spec.commandLine().getErr().println("error: " + invalid);
            return 2;
        }
        Path logs = out.resolve("logs");
        List<Row> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            if (rounds > 1) {
                console.printf("%nRound %d of %d%n", round, rounds);
            }
            for (String system : systemsInTurn(round)) {
                if (system.equals(BASELINE)) {
                    measureBaseline(console, logs, round, rows);
                } else {
                    measureBourse(console, logs, round, rows);
                }
            }
        }
        print(console, rows, processes);
        CompareSummary summary = CompareSummary.of(RunPair.of(rows));
        if (rounds > 1 && !summary.sizes().isEmpty()) {
            summary.print(console);
        }
        Files.createDirectories(out);
        Report.write(out, rows.stream().map(Row::result).toList());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.resolve("compare.json").toFile(), rows);
        json.writeValue(out.resolve("compare-summary.json").toFile(), summary);
        console.printf("Results: %s, %s, %s, %s%n", out.resolve("results.json"), out.resolve("compare.json"),
                out.resolve("compare-summary.json"), out.resolve("report.html"));
        return rows.stream().anyMatch(row -> row.result().hasUnexpectedErrors()) ? 3 : 0;
    }

    /** The systems in the order a round measures them: the baseline first in odd rounds, Bourse first in even ones. */
    List<String> systemsInTurn(int round) {
        List<String> inTurn = new ArrayList<>(List.of(BASELINE, BOURSE));
        inTurn.retainAll(systems);
        if (round % 2 == 0) {
            Collections.reverse(inTurn);
        }
        return inTurn;
    }

    private void measureBaseline(PrintStream console, Path logs, int round, List<Row> rows) throws Exception {
        console.printf("Baseline: stateless API servers over one PostgreSQL%s ...%n", processes ? " (each server its own process)" : "");
        try (LocalPostgres postgres = LocalPostgres.start()) {
            BaselineServer.prepareDatabase(postgres.jdbcUrl(), postgres.user(), LocalBourse.SYMBOLS);
            for (int n : instances) {
                Path serverLogs = processes ? logs.resolve("baseline-" + n) : null;
                try (LocalBaseline baseline = LocalBaseline.start(postgres, n, connectionsPerServer(pool, n), serverLogs)) {
                    ProcessCpu cpu = cpuOf(baseline.processes()).add("postgres", ProcessHandle.of(postgres.pid()).orElseThrow(), true);
                    rows.add(measure(BASELINE, n, round, baseline.uris(), http -> (client, accountId) -> seedBaselineShares(http, client),
                            postgres::analyze, cpu));
                }
            }
        }
    }

    private void measureBourse(PrintStream console, Path logs, int round, List<Row> rows) throws Exception {
        for (int n : instances) {
            console.printf("Bourse: 3 engine nodes, %d shards x 3 replicas, %d gateway(s)%s ...%n", shards, n,
                    processes ? " (each its own process)" : "");
            try (LocalBourse bourse = processes ? LocalBourse.startProcesses(shards, n, logs.resolve("bourse-" + n))
                    : LocalBourse.start(shards, n)) {
                rows.add(measure(BOURSE, n, round, bourse.gatewayUris(), http -> (client, accountId) -> bourse.grantShares(accountId, 1_000_000),
                        () -> { }, cpuOf(bourse.processes())));
            }
        }
    }

    /** What is wrong with the options given, before anything starts; null when nothing is. */
    String invalidOptions() {
        if (instances.isEmpty() || instances.stream().anyMatch(n -> n < 1 || n > 16)) {
            return "--instances must be numbers from 1 to 16";
        }
        if (systems.isEmpty() || !List.of(BASELINE, BOURSE).containsAll(systems)) {
            return "--systems takes baseline, bourse or both, not " + String.join(",", systems);
        }
        if (rounds < 1 || rounds > 20) {
            return "--rounds must be a number from 1 to 20";
        }
        int mostServers = instances.stream().mapToInt(Integer::intValue).max().orElseThrow();
        if (systems.contains(BASELINE) && pool < mostServers) { // Bourse alone opens no database connection
            return "--pool (the baseline's database connections in all) must be at least " + mostServers
                    + ", one for each of its servers";
        }
        return null;
    }

    /** This JVM (the load generator, and every server that runs in it) and the servers that run as processes of their own. */
    private ProcessCpu cpuOf(List<ServerProcess> servers) {
        ProcessCpu cpu = new ProcessCpu().add(processes ? LOAD_GENERATOR : LOAD_GENERATOR_AND_SERVERS, ProcessHandle.current(), false);
        servers.forEach(server -> cpu.add(server.name(), server.handle(), false));
        return cpu;
    }

    /** A Bourse run and the baseline run it is set against: the same size, and the same turn among runs of that size. */
    record RunPair(Row bourse, Row baseline) {
        double ratio() {
            return bourse.result().throughput() / baseline.result().throughput();
        }

        /**
         * Pairs, in each round, the k-th Bourse run with n instances with the k-th baseline run with n of the same
         * round ({@code --instances 1,1,1} repeats a size: each repetition is set against its own, not all against the first).
         */
        static List<RunPair> of(List<Row> rows) {
            Map<List<Integer>, List<Row>> baselines = new HashMap<>();
            rows.stream().filter(r -> r.system().equals(BASELINE))
                    .forEach(r -> baselines.computeIfAbsent(List.of(r.round(), r.instances()), k -> new ArrayList<>()).add(r));
            Map<List<Integer>, Integer> taken = new HashMap<>();
            List<RunPair> pairs = new ArrayList<>();
            for (Row bourse : rows.stream().filter(r -> r.system().equals(BOURSE)).toList()) {
                List<Integer> roundAndSize = List.of(bourse.round(), bourse.instances());
                List<Row> ofSize = baselines.getOrDefault(roundAndSize, List.of());
                int turn = taken.merge(roundAndSize, 1, Integer::sum) - 1;
                if (turn < ofSize.size()) {
                    pairs.add(new RunPair(bourse, ofSize.get(turn)));
                }
            }
            return pairs;
        }
    }

    /** Each of {@code servers} servers' share of {@code total} database connections ({@code total} is checked to be at least {@code servers}). */
    static int connectionsPerServer(int total, int servers) {
        return total / servers;
    }

    /** What a system needs once warmed up and before it is measured. */
    private interface AfterWarmUp {
        void run() throws Exception;
    }

    /** The baseline's own way to give a trader shares (it has no market makers to buy from). */
    private static void seedBaselineShares(HttpTransport http, BourseClient client) throws Exception {
        HttpTransport.Response answer = http.exchange("POST", client.baseUri().resolve("/v1/baseline/shares"),
                Map.of("Authorization", "Bearer " + client.token(), "Content-Type", "application/json"),
                "{\"quantity\":1000000}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(30));
        if (answer.status() >= 300) {
            throw new IllegalStateException("the baseline refused to seed shares: HTTP " + answer.status());
        }
    }

    /**
     * One system with {@code n} instances, over connections of its own: the servers of each run are
     * new, and may listen on ports an earlier run's servers had, so a connection kept from that run
     * would reach a closed socket (the likely cause of a sign-up that read a closed connection and
     * ended a comparison).
     */
    private Row measure(String system, int n, int round, List<URI> uris, Function<HttpTransport, Population.ShareSeeder> seeding,
                        AfterWarmUp afterWarmUp, ProcessCpu cpu) throws Exception {
        try (NettyHttpTransport http = Population.transport()) {
            List<Trader> traders = Population.signUp(http, uris, run.users, seeding.apply(http));
            List<Instrument> instruments = traders.get(0).client.instruments();
            Workload workload = new Workload(Scenario.ORDER_ENTRY, traders, instruments, true);
            new LoadRun(system, Scenario.ORDER_ENTRY, workload::next, null).closedLoop(closedUsers, run.warmup);
            afterWarmUp.run();
            Map<String, Double> before = cpu.read();
            LoadResult result = new LoadRun(system + "-" + n, Scenario.ORDER_ENTRY, workload::next, System.out)
                    .closedLoop(closedUsers, run.duration);
            return new Row(system, n, round, result, ProcessCpu.between(before, cpu.read()));
        }
    }

    private static void print(PrintStream out, List<Row> rows, boolean processes) {
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf("%n%5s %-9s %9s %10s %10s %10s %12s %9s  %s%n", "round", "system", "instances", "orders/s", "p50", "p99",
                "CPU s/1000", "machine", "busiest process");
        for (Row row : rows) {
            String busiest = row.busiest();
            out.printf(Locale.ROOT, "%5d %-9s %9d %10.0f %10s %10s %12.2f %8.0f%%  %s %.0f%%%n", row.round(), row.system(), row.instances(),
                    row.result().throughput(), Report.millis(row.result().latency().p50()), Report.millis(row.result().latency().p99()),
                    row.cpuPerThousand(), row.totalCpuSeconds() / row.result().durationSeconds() / cores * 100, busiest, row.busy(busiest));
        }
        List<RunPair> pairs = RunPair.of(rows);
        if (!pairs.isEmpty()) {
            out.println();
            out.printf("%5s %-9s %12s %14s %14s%n", "round", "instances", "Bourse/base", "p99 Bourse", "p99 baseline");
        }
        for (RunPair pair : pairs) {
            out.printf(Locale.ROOT, "%5d %-9d %11.2fx %14s %14s%n", pair.bourse().round(), pair.bourse().instances(), pair.ratio(),
                    Report.millis(pair.bourse().result().latency().p99()), Report.millis(pair.baseline().result().latency().p99()));
        }
        out.printf("%nWhere the CPU went (CPU time / wall time, 100%% = one core; this machine has %d):%n", cores);
        for (Row row : rows) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  round %d, %-8s %d:", row.round(), row.system(), row.instances()));
            row.cpuSeconds().keySet().forEach(process -> line.append(String.format(Locale.ROOT, "  %s %.0f%%", process, row.busy(process))));
            out.println(line);
        }
        if (!processes) {
            out.println("(One JVM holds the load generator and every server but PostgreSQL; --processes gives each its own.)");
        }
        for (Row row : rows) {
            if (row.result().hasUnexpectedErrors()) {
                out.printf("!!! %s with %d: %d requests FAILED: %s%n", row.system(), row.instances(), row.result().errors(),
                        row.result().errorsByType());
            }
        }
    }
}
