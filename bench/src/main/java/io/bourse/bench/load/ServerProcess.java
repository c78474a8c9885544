package io.bourse.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server of a measured system in a JVM of its own ({@link ServerMain}), so that the
 * comparison can say which process is busy: the load generator, an engine node, a gateway, an
 * API server or the database. Its output goes to a log file.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final int port;

    private ServerProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /** Starts {@link ServerMain} with {@code arguments} and waits until it serves. */
    static ServerProcess start(String name, List<String> jvmOptions, Path logFile, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // What the launcher script passes: the RPC and storage libraries use JNI and sun.misc.Unsafe.
        command.addAll(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ServerMain.class.getName()));
        command.addAll(List.of(arguments));
        Process process;
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
        }
        try {
            int port = awaitReady(name, process, logFile);
            return new ServerProcess(name, process, port);
        } catch (RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * Reads the output until {@code READY <port>}, then leaves the thread copying the rest to the
     * log. A server that exits first is reported with its last lines of output.
     */
    private static int awaitReady(String name, Process process, Path logFile) {
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("output of " + name).start(() -> {
            Deque<String> lastLines = new ArrayDeque<>();
            try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (String line; (line = output.readLine()) != null; ) {
                    log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    if (ready.isDone()) {
                        log.flush();
                    } else if (line.startsWith(ServerMain.READY)) {
                        log.flush();
                        ready.complete(Integer.parseInt(line.substring(ServerMain.READY.length()).trim()));
                    } else {
                        lastLines.addLast(line);
                        if (lastLines.size() > 20) {
                            lastLines.removeFirst();
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process ended, or its log cannot be written: nothing more to copy
            }
            ready.completeExceptionally(new IllegalStateException(name + " exited with status " + exitStatus(process)
                    + "; its last output:\n  " + String.join("\n  ", lastLines) + "\n(whole log: " + logFile + ")"));
        });
        try {
            return ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (RuntimeException) e.getCause();
        } catch (TimeoutException e) {
            throw new IllegalStateException(name + " did not become ready within " + START_TIMEOUT.toSeconds() + " s; see " + logFile);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + name + " was starting");
        }
    }

    private static String exitStatus(Process process) {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "unknown (still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Asks it to stop (closing its standard input), and kills it if it has not within ten seconds. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
