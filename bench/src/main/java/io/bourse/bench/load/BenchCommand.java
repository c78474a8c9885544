package io.bourse.bench.load;

import io.bourse.client.HttpTransport;
import io.bourse.client.model.Instrument;
import io.bourse.engine.client.CallStats;
import io.bourse.engine.node.ProposedEntries;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bourse bench}: load against a running deployment (by URL) or one it starts itself.
 * Open loop at one or more target rates (latency counted from when each request was due), or
 * closed loop with a fixed number of users; a live progress line, a final table, JSON results and
 * an HTML report with charts.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = CompareCommand.class,
        description = "Load-tests Bourse: open loop at target rates, or closed loop for the maximum.")
public final class BenchCommand implements Callable<Integer> {
    /** Users of the warm-up when the measured runs are open loop. */
    private static final int WARM_UP_USERS = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--target", split = ",", description = "Gateway URLs of a running deployment; requests spread over them. "
            + "Without it, a local Bourse is started in this process.")
    List<URI> targets;

    @Option(names = "--gateways", defaultValue = "2", description = "Gateways of the local Bourse (default: ${DEFAULT-VALUE}).")
    int gatewayCount;

    @Option(names = "--shards", defaultValue = "4", description = "Shards of a local Bourse (default: ${DEFAULT-VALUE}, as bourse dev starts).")
    int shards;

    @Option(names = "--scenario", defaultValue = "order-entry", description = "order-entry, read-heavy or burst (default: ${DEFAULT-VALUE}).")
    String scenario;

    @Option(names = "--rate", split = ",", description = "Open loop: requests per second; several values run one after another "
            + "(latency against offered rate).")
    List<Double> rates;

    @Option(names = "--closed", description = "Closed loop with this many users (instead of --rate).")
    Integer closedUsers;

    @Option(names = "--out", defaultValue = "bench-results", description = "Folder for results.json and report.html (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintStream console = System.out;
        Scenario chosen;
        try {
            chosen = Scenario.parse(scenario);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: --" + e.getMessage());
            return 2;
        }
        if ((rates == null) == (closedUsers == null)) {
            spec.commandLine().getErr().println("error: give either --rate (open loop) or --closed (closed loop)");
            return 2;
        }
        LocalBourse local = null;
        NettyHttpTransport http = null;
        try {
            List<URI> uris = targets;
            if (uris == null) {
                console.printf("Starting a local Bourse: 3 engine nodes, %d shards, %d gateways ...%n", shards, gatewayCount);
                local = LocalBourse.start(shards, gatewayCount);
                uris = local.gatewayUris();
            }
            http = Population.transport();
            console.printf("Signing up %d traders across %d gateways ...%n", run.users, uris.size());
            List<Trader> traders = population(http, uris, local);
            List<Instrument> instruments = traders.get(0).client.instruments();
            Workload workload = new Workload(chosen, traders, instruments, local != null);
            if (local == null && chosen != Scenario.READ_HEAVY) {
                console.println("note: against a URL nobody can be given shares, so every order is a buy");
            }
            if (run.warmup > 0) {
                // Closed loop even before an open-loop run: as much load as the system takes, so the
                // JIT has compiled the hot paths before anything is measured.
                int warmUsers = closedUsers != null ? closedUsers : WARM_UP_USERS;
                console.printf("Warming up for %d s (closed loop, %d users) ...%n", run.warmup, warmUsers);
                new LoadRun("bourse", chosen, workload::next, null).closedLoop(warmUsers, run.warmup);
            }
            List<LoadResult> results = new ArrayList<>();
            if (closedUsers != null) {
                results.add(measured(local, console, () -> new LoadRun("bourse", chosen, workload::next, console)
                        .closedLoop(closedUsers, run.duration)));
            } else {
                for (double rate : rates) {
                    results.add(measured(local, console, () -> new LoadRun("bourse", chosen, workload::next, console)
                            .openLoop(rate, run.duration)));
                }
            }
            Report.table(console, results);
            Report.write(out, results);
            console.printf("Results: %s, %s%n", out.resolve("results.json"), out.resolve("report.html"));
            return results.stream().anyMatch(LoadResult::hasUnexpectedErrors) ? 3 : 0;
        } finally {
            if (http != null) {
                http.close();
            }
            if (local != null) {
                local.close();
            }
        }
    }

    /**
     * Runs {@code run} and prints what this JVM's CPU spent per request meanwhile; with a local
     * Bourse, also how its gateways and leaders batched: calls to the shards a second, the commands
     * in each and how long a command waited for its call (every call costs the same transport work
     * whatever it carries), and log entries a second and the commands in each (every entry costs the
     * same Raft work on every replica, so few commands per entry means that work dominates).
     */
    private static LoadResult measured(LocalBourse local, PrintStream console, Callable<LoadResult> run) throws Exception {
        Optional<ProposedEntries> before = local == null ? Optional.empty() : local.entriesProposed();
        Optional<CallStats> callsBefore = local == null ? Optional.empty() : local.gatewayCalls();
        OptionalDouble cpuBefore = ProcessCpu.secondsOf(ProcessHandle.current());
        long start = System.nanoTime();
        LoadResult result = run.call();
        double seconds = (System.nanoTime() - start) / 1e9;
        OptionalDouble cpuAfter = ProcessCpu.secondsOf(ProcessHandle.current());
        if (cpuBefore.isPresent() && cpuAfter.isPresent() && result.completed() > 0) {
            printCpu(console, cpuAfter.getAsDouble() - cpuBefore.getAsDouble(), seconds, result.completed(), local != null);
        }
        if (callsBefore.isPresent()) {
            CallStats during = local.gatewayCalls().orElseThrow().since(callsBefore.get());
            console.printf(Locale.ROOT, "  gateways' calls to the shards: %,.0f a second, %.1f commands each, which waited %.1f ms for their call%n",
                    during.calls() / seconds, during.commandsPerCall(), during.meanWaitMillis());
        }
        if (before.isPresent()) {
            ProposedEntries during = local.entriesProposed().orElseThrow().since(before.get());
            console.printf(Locale.ROOT, "  log entries: %,.0f a second, %.1f commands each%n", during.entries() / seconds,
                    during.commandsPerEntry());
        }
        return result;
    }

    /**
     * With a local Bourse this JVM is the whole system and its load, so the figure is what a request
     * costs it (telling at an open-loop rate the machine can carry; a closed loop that fills every
     * core costs about the cores over the rate); against a URL it is the load generator's own cost.
     */
    private static void printCpu(PrintStream console, double cpuSeconds, double seconds, long requests, boolean serversHere) {
        console.printf(Locale.ROOT, "  CPU: %,.0f microseconds a request, %.0f %% of one core (%s)%n", cpuSeconds * 1e6 / requests,
                cpuSeconds / seconds * 100, serversHere ? "this JVM: the load generator and every server" : "the load generator");
    }

    private List<Trader> population(HttpTransport http, List<URI> uris, LocalBourse local) throws Exception {
        return Population.signUp(http, uris, run.users, local == null ? null : (client, accountId) -> local.grantShares(accountId, 1_000_000));
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }

}
