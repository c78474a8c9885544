package io.bourse.engine;

import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.NodeAddress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An engine cluster whose nodes each run in a JVM of their own ({@link EngineNodeProcess}), so that
 * a test can kill one outright (SIGKILL: no shutdown hook, no leadership handed over, whatever
 * was in flight cut off) as a crash or a power cut would. Each node's data is in
 * {@code dataDirectory/<node>} and its output in {@code dataDirectory/<node>.log}: the same
 * directories a {@link LocalCluster} on the same layout opens, to audit what the processes left.
 */
final class ProcessCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    final ClusterLayout layout;
    final Path dataDirectory;
    final EngineClient client;
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, Long> logOffsets = new HashMap<>();

    ProcessCluster(Path dataDirectory, int nodeCount, int shardCount) {
        this.dataDirectory = dataDirectory;
        this.layout = LocalCluster.layoutOnFreePorts(nodeCount, shardCount);
        layout.nodes().forEach(node -> launch(node.id()));
        layout.nodes().forEach(node -> awaitStarted(node.id()));
        this.client = new EngineClient(layout, new EngineClientOptions(2_000, 20_000));
        ClusterReadiness.awaitReady(client, layout, 0);
    }

    /** Starts a node's process (again) on its data directory; returns once it serves its port. */
    void start(String nodeId) {
        launch(nodeId);
        awaitStarted(nodeId);
    }

    private void launch(String nodeId) {
        String ports = layout.nodes().stream().map(node -> Integer.toString(node.port())).collect(Collectors.joining(","));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx1g", "-XX:+UseParallelGC", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), EngineNodeProcess.class.getName(),
                nodeId, dataDirectory.resolve(nodeId).toString(), Integer.toString(layout.shards().size()), ports));
        try {
            Files.createDirectories(dataDirectory);
            // A restarted node appends to its log: only what this process writes says it is ready.
            logOffsets.put(nodeId, Files.exists(logOf(nodeId)) ? Files.size(logOf(nodeId)) : 0L);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logOf(nodeId).toFile())).start();
            processes.put(nodeId, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + nodeId, e);
        }
    }

    private void awaitStarted(String nodeId) {
        Process process = processes.get(nodeId);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(nodeId + " exited with " + process.exitValue() + "; see " + logOf(nodeId));
                }
                if (Files.exists(logOf(nodeId)) && writtenSinceLaunch(nodeId).contains(EngineNodeProcess.READY)) {
                    return;
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException(nodeId + " did not start within " + START_TIMEOUT + "; see " + logOf(nodeId));
    }

    private String writtenSinceLaunch(String nodeId) throws IOException {
        byte[] log = Files.readAllBytes(logOf(nodeId));
        int from = (int) Math.min(log.length, logOffsets.get(nodeId));
        return new String(log, from, log.length - from, StandardCharsets.ISO_8859_1);
    }

    private Path logOf(String nodeId) {
        return dataDirectory.resolve(nodeId + ".log");
    }

    /** The node whose address is {@code endpoint} ("host:port"). */
    String nodeAt(String endpoint) {
        return layout.nodes().stream().filter(node -> node.endpoint().equals(endpoint)).map(NodeAddress::id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node at " + endpoint));
    }

    /** Kills a node's process at once (SIGKILL) and waits until it is gone. */
    void kill(String nodeId) {
        Process process = processes.remove(nodeId);
        if (process == null) {
            throw new IllegalArgumentException(nodeId + " has no running process to kill");
        }
        process.destroyForcibly();
        waitFor(nodeId, process);
    }

    /** Asks a node's process to stop (SIGTERM: it closes its node cleanly) and waits until it has. */
    void stop(String nodeId) {
        Process process = processes.remove(nodeId);
        if (process != null) {
            process.destroy();
            waitFor(nodeId, process);
        }
    }

    private static void waitFor(String nodeId, Process process) {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(nodeId + " did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        client.close();
        new ArrayList<>(processes.keySet()).forEach(this::stop);
    }
}
