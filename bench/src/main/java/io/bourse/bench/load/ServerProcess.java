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
import java.util.concurrent.TimeUnit;

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

    /** Reads the output until {@code READY <port>}, then leaves a thread copying the rest to the log. */
    private static int awaitReady(String name, Process process, Path logFile) {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Deque<String> lastLines = new ArrayDeque<>();
        int[] port = {-1};
        Thread reader = Thread.ofPlatform().daemon().name("output of " + name).start(() -> {
            try (OutputStream log = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                for (String line; (line = output.readLine()) != null; ) {
                    log.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    synchronized (port) {
                        if (port[0] < 0 && line.startsWith(ServerMain.READY)) {
                            port[0] = Integer.parseInt(line.substring(ServerMain.READY.length()).trim());
                            port.notifyAll();
                        } else if (port[0] < 0) {
                            lastLines.addLast(line);
                            if (lastLines.size() > 20) {
                                lastLines.removeFirst();
                            }
                        }
                    }
                    if (port[0] >= 0) {
                        log.flush();
                    }
                }
            } catch (IOException e) {
                // the process ended or the log is gone; nothing more to copy
            }
        });
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        synchronized (port) {
            while (port[0] < 0 && process.isAlive() && System.nanoTime() < deadline) {
                try {
                    port.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (port[0] >= 0) {
                return port[0];
            }
            String why = process.isAlive() ? "did not become ready within " + START_TIMEOUT.toSeconds() + " s"
                    : "exited with status " + exitValue(process, reader);
            throw new IllegalStateException(name + " " + why + "; its last output:\n  " + String.join("\n  ", lastLines)
                    + "\n(whole log: " + logFile + ")");
        }
    }

    private static int exitValue(Process process, Thread reader) {
        try {
            reader.join(2_000); // let the reader catch the last lines
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
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
