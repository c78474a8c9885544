package io.bourse.app;

import io.bourse.core.shard.Outcome;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.engine.query.ShardStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs a whole engine cluster on this machine: three engine nodes (each its own RPC port), the
 * directory, and shards replicated three ways, with demo instruments listed. Data stays under
 * {@code --data}, so a second run resumes where the first stopped.
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Runs a local cluster: 3 engine nodes, the directory, shards with 3 replicas each, demo instruments.")
final class DevCommand implements Callable<Integer> {
    private static final String LAYOUT_FILE = "layout.properties";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data", defaultValue = "data/dev", description = "Where the nodes keep their logs and snapshots (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--fresh", description = "Delete the data directory first and start from nothing.")
    boolean fresh;

    @Option(names = "--shards", defaultValue = "4", description = "Number of shards, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int shards;

    @Option(names = "--base-port", defaultValue = "7101", description = "RPC port of node-1; node-2 and node-3 take the next two (default: ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--ready-then-exit", description = "Stop as soon as the cluster is ready (for smoke tests).")
    boolean readyThenExit;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (shards < 1 || shards > 64) {
            err.println("error: --shards must be between 1 and 64, not " + shards);
            return 2;
        }
        if (basePort < 1024 || basePort > 65_533) {
            err.println("error: --base-port must be between 1024 and 65533, not " + basePort);
            return 2;
        }
        try {
            prepareDataDirectory();
        } catch (IOException | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        ClusterLayout layout = ClusterLayout.local("127.0.0.1", List.of(basePort, basePort + 1, basePort + 2), shards, 3);
        List<EngineNode> nodes = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(nodes)));
        try {
            for (var node : layout.nodes()) {
                out.printf("Starting engine node %s on %s ...%n", node.id(), node.endpoint());
                out.flush();
                nodes.add(EngineNode.start(EngineNodeConfig.of(node.id(), layout, data.resolve(node.id()))));
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            stopAll(nodes);
            return 1;
        }
        try (EngineClient client = new EngineClient(layout, EngineClientOptions.defaults())) {
            out.println("Waiting for the directory and the shards to elect leaders ...");
            out.flush();
            awaitReady(client);
            printStatus(out, layout, client);
        } catch (RuntimeException e) {
            // Not ready in time, or a demo listing refused: say so, and leave no node running.
            err.println("error: " + e.getMessage());
            stopAll(nodes);
            return 1;
        }
        if (readyThenExit) {
            stopAll(nodes);
            return 0;
        }
        out.println("Running. Press Ctrl-C to stop (data is kept; --fresh starts over).");
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }

    private void prepareDataDirectory() throws IOException {
        if (fresh && Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(data);
        if (!Files.isWritable(data)) {
            throw new IllegalStateException("the data directory " + data.toAbsolutePath() + " is not writable");
        }
        // A cluster's layout is fixed when it is first created: refuse to start it with another one.
        Path layoutFile = data.resolve(LAYOUT_FILE);
        String wanted = "shards=" + shards + "\nbasePort=" + basePort + "\n";
        if (Files.exists(layoutFile)) {
            String existing = Files.readString(layoutFile);
            if (!existing.equals(wanted)) {
                throw new IllegalStateException("the data in " + data.toAbsolutePath() + " belongs to a cluster started with "
                        + existing.replace('\n', ' ').trim() + "; start with the same options, or add --fresh to start over");
            }
        } else {
            Files.writeString(layoutFile, wanted);
        }
    }

    private void awaitReady(EngineClient client) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!isBootstrapped(client)) {
            pause(deadline);
        }
        for (int i = 0; i < DemoInstruments.LISTINGS.size(); i++) {
            Outcome outcome = client.listInstrument(DemoInstruments.instrument(i), 1 + i % shards).outcome();
            if (outcome == Outcome.REJECTED) {
                throw new IllegalStateException("listing " + DemoInstruments.LISTINGS.get(i).symbol() + " was refused");
            }
        }
        while (!allShardsReady(client)) {
            pause(deadline);
        }
    }

    private static boolean isBootstrapped(EngineClient client) {
        try {
            return client.refreshDirectory().isBootstrapped();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean allShardsReady(EngineClient client) {
        try {
            int slots = 0;
            for (int shard = 1; shard <= shards; shard++) {
                ShardStatus status = client.status(shard);
                if (status.instruments() < DemoInstruments.LISTINGS.size()) {
                    return false;
                }
                slots += status.slotsOwned();
            }
            return slots == 1024;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void pause(long deadline) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the cluster did not become ready within 60 s");
        }
        Thread.sleep(100);
    }

    private void printStatus(PrintWriter out, ClusterLayout layout, EngineClient client) {
        out.printf("Bourse engine cluster ready: %d nodes, %d shards x 3 replicas, data in %s%n", layout.nodes().size(), shards,
                data.toAbsolutePath());
        for (ShardLayout shard : layout.shards()) {
            ShardStatus status = client.status(shard.shardId());
            out.printf("  shard %d: replicas on %s, %d account slots, %d open orders%n", shard.shardId(),
                    String.join(", ", shard.replicas()), status.slotsOwned(), status.openOrders());
        }
        client.directory().instruments().forEach(listing -> out.printf("  %-9s book on shard %d%n",
                listing.instrument().symbol(), listing.marketShard()));
        out.println("The gateways, web UI and market simulator arrive with issues #4 and #5.");
        out.flush();
    }

    private static void stopAll(List<EngineNode> nodes) {
        synchronized (nodes) {
            for (EngineNode node : nodes) {
                node.close();
            }
            nodes.clear();
        }
    }
}
