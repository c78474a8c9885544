package io.bourse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class DevCommandTest {
    @TempDir
    Path data;

    private final CommandRunner bourse = new CommandRunner();

    /** A base port whose next two ports are free too. */
    private static int freeBasePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            // Below the ephemeral range (32768+), where outgoing connections take their local ports.
            int base = ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket a = new ServerSocket(base); ServerSocket b = new ServerSocket(base + 1); ServerSocket c = new ServerSocket(base + 2)) {
                return base;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no three consecutive free ports");
    }

    @Test
    void startsALocalClusterListsTheDemoInstrumentsAndResumesFromItsData() throws IOException {
        int base = freeBasePort();
        String[] args = {"dev", "--data", data.toString(), "--base-port", String.valueOf(base), "--shards", "2", "--gateway-port", "0", "--ready-then-exit"};
        assertThat(bourse.run(args)).as(bourse.err.toString()).isZero();
        assertThat(bourse.out.toString()).contains("Bourse engine cluster ready: 3 nodes, 2 shards").contains("ACME").contains("CYBERDYN")
                .contains("Bourse is up.").contains("/v1/openapi.json").contains("Demo user: demo / demo-password")
                .contains("Admin:    ./bourse admin status --config " + data.resolve("cluster.properties"));
        // The file admin commands read: the local cluster in a real deployment's format.
        assertThat(Files.readString(data.resolve("cluster.properties"))).contains("cluster.nodes = node-1@127.0.0.1:" + base)
                .contains("cluster.shards = 2");

        assertThat(bourse.run(args)).as("a second run resumes from the same data: %s", bourse.err).isZero();
    }

    @Test
    void refusesDataOfAnotherLayoutWithAClearMessage() throws IOException {
        int base = freeBasePort();
        assertThat(bourse.run("dev", "--data", data.toString(), "--base-port", String.valueOf(base), "--shards", "1", "--gateway-port", "0", "--ready-then-exit")).isZero();
        assertThat(bourse.run("dev", "--data", data.toString(), "--base-port", String.valueOf(base), "--shards", "3", "--ready-then-exit")).isEqualTo(1);
        assertThat(bourse.err.toString()).contains("belongs to a cluster started with shards=1").contains("--fresh");
    }

    @Test
    void aBusyPortIsAClearErrorNotAStackTrace() throws IOException {
        int base = freeBasePort();
        try (ServerSocket taken = new ServerSocket(base)) {
            assertThat(bourse.run("dev", "--data", data.toString(), "--base-port", String.valueOf(base), "--ready-then-exit")).isEqualTo(1);
        }
        assertThat(bourse.err.toString()).contains("cannot listen on 127.0.0.1:" + base).contains("in use").doesNotContain("Exception");
    }

    @Test
    void badOptionValuesAreRefused() {
        assertThat(bourse.run("dev", "--shards", "0")).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("--shards must be between 1 and 64");
        assertThat(bourse.run("dev", "--base-port", "80")).isEqualTo(2);
        assertThat(bourse.run("dev", "--shards", "many")).isEqualTo(2);
        assertThat(bourse.err.toString()).contains("Invalid value");
    }
}
