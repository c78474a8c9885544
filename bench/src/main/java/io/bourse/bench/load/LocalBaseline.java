package io.bourse.bench.load;

import io.bourse.baseline.BaselineServer;
import io.bourse.baseline.LocalPostgres;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline the comparison starts: stateless API servers over one PostgreSQL, either all in this
 * JVM or each a process of its own (so the comparison can tell which one is busy).
 */
final class LocalBaseline implements AutoCloseable {
    private final Servers servers = new Servers();
    private final List<URI> uris = new ArrayList<>();

    private LocalBaseline() {}

    /** {@code count} API servers with {@code pool} connections each; in this JVM when {@code logs} is null, else each its own process logging there. */
    static LocalBaseline start(LocalPostgres postgres, int count, int pool, Path logs) {
        LocalBaseline baseline = new LocalBaseline();
        try {
            for (int i = 0; i < count; i++) {
                int port;
                if (logs == null) {
                    port = baseline.servers.add(BaselineServer.start(postgres.jdbcUrl(), postgres.user(), 0, pool)).port();
                } else {
                    String name = "api-" + (i + 1);
                    port = baseline.servers.add(ServerProcess.start(name, LocalBourse.API_SERVER_JVM, logs.resolve(name + ".log"),
                            "baseline", postgres.jdbcUrl(), postgres.user(), Integer.toString(pool))).port();
                }
                baseline.uris.add(URI.create("http://127.0.0.1:" + port));
            }
            return baseline;
        } catch (RuntimeException e) {
            baseline.close();
            throw e;
        }
    }

    List<URI> uris() {
        return List.copyOf(uris);
    }

    /** The API servers running as processes of their own (none when all run in this JVM). */
    List<ServerProcess> processes() {
        return servers.processes();
    }

    @Override
    public void close() {
        servers.close();
    }
}
