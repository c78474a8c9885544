package io.bourse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FailureReportTest {
    /** A command that fails unexpectedly says why in a few lines, its causes included, and exits with 1: no stack trace. */
    @Test
    void aFailingCommandReportsItsCausesWithoutAStackTrace() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        CommandRunner bourse = new CommandRunner();

        int exit = bourse.run("bench", "--target", "http://127.0.0.1:" + closedPort, "--closed", "2", "--users", "2",
                "--duration", "1", "--warmup", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(bourse.err.toString())
                .startsWith("bourse bench failed: UncheckedIOException: POST /v1/users failed")
                .contains("caused by: ConnectException: Connection refused")
                .doesNotContain("ExecutionException") // a wrapper that only repeats its cause is not shown
                .doesNotContain("\tat ");
    }
}
