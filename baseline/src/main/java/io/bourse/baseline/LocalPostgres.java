package io.bourse.baseline;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of Debian's packages ({@code apt-get install postgresql}), started for the
 * comparison or a test in a temporary directory on a free local port, and stopped after.
 * Tuned as one would tune a database for this job: enough connections, shared buffers, and
 * {@code synchronous_commit} left on — acknowledged means on disk, as in Bourse.
 */
public final class LocalPostgres implements AutoCloseable {
    private final Path bin;
    private final Path data;
    private final int port;

    private LocalPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** Debian's PostgreSQL binaries (the newest version installed), if any. */
    public static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static LocalPostgres start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL is not installed: apt-get install postgresql (or run scripts/install-test-deps.sh)"));
        Path data = Files.createTempDirectory("bourse-baseline-pg");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> asUser = runAs();
        if (!asUser.isEmpty()) {
            Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres"));
        }
        run(asUser, bin.resolve("initdb").toString(), "-D", data.resolve("db").toString(), "-U", "bourse", "--auth=trust", "-E", "UTF8");
        run(asUser, bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-l", data.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB",
                "start");
        LocalPostgres postgres = new LocalPostgres(bin, data, port);
        run(asUser, bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "bourse", "bourse");
        return postgres;
    }

    /** PostgreSQL refuses to run as root: when we are root, its commands run as the 'postgres' user. */
    private static List<String> runAs() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return List.of();
        }
        return List.of("runuser", "-u", "postgres", "--");
    }

    private static void run(List<String> prefix, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/bourse";
    }

    public String user() {
        return "bourse";
    }

    /**
     * Brings the planner's statistics of every table up to date, as autovacuum does in a database
     * that has been running for a while. A database created minutes ago has statistics taken while
     * its tables were nearly empty (or none), and autovacuum gets to them only a minute or more
     * later: measured before that, the baseline runs on plans made for empty tables.
     */
    public void analyze() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), null);
             Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    /** The server process, for CPU accounting: the postmaster's pid. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("db/postmaster.pid")).get(0).trim());
    }

    @Override
    public void close() {
        try {
            run(runAs(), bin.resolve("pg_ctl").toString(), "-D", data.resolve("db").toString(), "-m", "fast", "-w", "stop");
        } catch (IOException | InterruptedException e) {
            // best effort
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory
        }
    }
}
