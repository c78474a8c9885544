package io.bourse.bench.load;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bourse bench compare}: the same order-entry load, on the same machine, against the
 * baseline (1, 2, 4 stateless API servers over one PostgreSQL) and against Bourse (1, 2, 4
 * gateways over the same shard setup). Prints throughput and p99 side by side with the ratio, CPU
 * seconds per 1,000 orders, and how busy each process was.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Runs the order-entry load against the baseline (one PostgreSQL) and Bourse, side by side.")
public final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--instances", split = ",", defaultValue = "1,2,4", description = "API servers / gateways (default: ${DEFAULT-VALUE}).")
    List<Integer> instances;

    @Option(names = "--closed", defaultValue = "256", description = "Closed-loop users (default: ${DEFAULT-VALUE}).")
    int closedUsers;

    @Option(names = "--pool", defaultValue = "16", description = "Database connections per baseline server (default: ${DEFAULT-VALUE}).")
    int pool;

    @Option(names = "--out", defaultValue = "bench-results/compare", description = "Folder for results (default: ${DEFAULT-VALUE}).")
    Path out;

    /** One system at one size. */
    record Row(String system, int instances, LoadResult result, double jvmCpuSeconds, double databaseCpuSeconds) {
        double cpuPerThousand() {
            return (jvmCpuSeconds + databaseCpuSeconds) / Math.max(1, result.completed()) * 1_000;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        List<Row> rows = new ArrayList<>();
        HttpTransport http = Population.transport();
        console.println("Baseline: stateless API servers over one PostgreSQL ...");
        try (LocalPostgres postgres = LocalPostgres.start()) {
            BaselineServer.prepareDatabase(postgres.jdbcUrl(), postgres.user(), LocalBourse.SYMBOLS);
            for (int n : instances) {
                List<BaselineServer> servers = new ArrayList<>();
                try {
                    for (int i = 0; i < n; i++) {
                        servers.add(BaselineServer.start(postgres.jdbcUrl(), postgres.user(), 0, pool));
                    }
                    List<URI> uris = servers.stream().map(s -> URI.create("http://127.0.0.1:" + s.port())).toList();
                    rows.add(measure("baseline", n, http, uris, (client, accountId) -> seedBaselineShares(http, client), postgres.pid()));
                } finally {
                    servers.forEach(BaselineServer::close);
                }
            }
        }
        for (int n : instances) {
            console.printf("Bourse: 3 engine nodes, %d shards x 3 replicas, %d gateway(s) ...%n", run.shards, n);
            try (LocalBourse bourse = LocalBourse.start(run.shards, n)) {
                rows.add(measure("bourse", n, http, bourse.gatewayUris(), (client, accountId) -> bourse.grantShares(accountId, 1_000_000), -1));
            }
        }
        print(console, rows);
        Files.createDirectories(out);
        Report.write(out, rows.stream().map(Row::result).toList());
        console.printf("Results: %s, %s%n", out.resolve("results.json"), out.resolve("report.html"));
        return 0;
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

    private Row measure(String system, int n, HttpTransport http, List<URI> uris, Population.ShareSeeder seeder, long databasePid)
            throws Exception {
        List<Trader> traders = Population.signUp(http, uris, run.users, seeder);
        List<Instrument> instruments = traders.get(0).client.instruments();
        Workload workload = new Workload(Scenario.ORDER_ENTRY, traders, instruments, true);
        new LoadRun(system, Scenario.ORDER_ENTRY, workload::next, null).closedLoop(closedUsers, run.warmup);
        double jvmBefore = cpuSeconds(ProcessHandle.current());
        double databaseBefore = databasePid > 0 ? cpuSeconds(ProcessHandle.of(databasePid).orElseThrow()) : 0;
        LoadResult result = new LoadRun(system + "-" + n, Scenario.ORDER_ENTRY, workload::next, System.out).closedLoop(closedUsers, run.duration);
        double jvm = cpuSeconds(ProcessHandle.current()) - jvmBefore;
        double database = databasePid > 0 ? cpuSeconds(ProcessHandle.of(databasePid).orElseThrow()) - databaseBefore : 0;
        return new Row(system, n, result, jvm, database);
    }

    /** CPU seconds a process and its children (PostgreSQL's backends) have used so far. */
    private static double cpuSeconds(ProcessHandle process) {
        double seconds = process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
        for (ProcessHandle child : process.descendants().toList()) {
            seconds += child.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
        }
        return seconds;
    }

    private static void print(PrintStream out, List<Row> rows) {
        out.printf("%n%-9s %9s %10s %10s %10s %12s %10s %10s%n", "system", "instances", "orders/s", "p50", "p99", "CPU s/1000",
                "JVM busy", "DB busy");
        for (Row row : rows) {
            double seconds = row.result().durationSeconds();
            out.printf(Locale.ROOT, "%-9s %9d %10.0f %10s %10s %12.2f %9.0f%% %9s%n", row.system(), row.instances(),
                    row.result().throughput(), Report.millis(row.result().latency().p50()), Report.millis(row.result().latency().p99()),
                    row.cpuPerThousand(), row.jvmCpuSeconds() / seconds * 100,
                    row.databaseCpuSeconds() > 0 ? String.format(Locale.ROOT, "%.0f%%", row.databaseCpuSeconds() / seconds * 100) : "-");
        }
        out.println();
        out.printf("%-9s %12s %14s %14s%n", "instances", "Bourse/base", "p99 Bourse", "p99 baseline");
        for (Row bourse : rows.stream().filter(r -> r.system().equals("bourse")).toList()) {
            rows.stream().filter(r -> r.system().equals("baseline") && r.instances() == bourse.instances()).findFirst().ifPresent(base ->
                    out.printf(Locale.ROOT, "%-9d %11.2fx %14s %14s%n", bourse.instances(),
                            bourse.result().throughput() / base.result().throughput(), Report.millis(bourse.result().latency().p99()),
                            Report.millis(base.result().latency().p99())));
        }
        out.println("(busy: CPU time / wall time; 200% is both cores. The load generator runs in the JVM too.)");
        for (Row row : rows) {
            if (row.result().hasUnexpectedErrors()) {
                out.printf("!!! %s with %d: %d requests FAILED: %s%n", row.system(), row.instances(), row.result().errors(),
                        row.result().errorsByType());
            }
        }
    }
}
