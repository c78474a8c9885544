package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.client.BourseClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The comparison's Bourse with every engine node and gateway in a process of its own. */
@Timeout(180)
class LocalBourseProcessesTest {
    @TempDir
    Path logs;

    @Test
    void everyServerRunsInItsOwnProcessServesAndStopsWithTheBourse() throws Exception {
        List<ServerProcess> processes;
        try (LocalBourse bourse = LocalBourse.startProcesses(2, 1, logs)) {
            processes = bourse.processes();
            assertThat(processes).extracting(ServerProcess::name).containsExactly("node-1", "node-2", "node-3", "gateway-1");
            assertThat(processes).allSatisfy(process -> {
                assertThat(process.isAlive()).isTrue();
                assertThat(process.handle().pid()).isNotEqualTo(ProcessHandle.current().pid());
            });

            // A trader signs up through the gateway process and is handed shares through the engine processes.
            BourseClient client = new BourseClient(bourse.gatewayUris().get(0), Population.transport(), Duration.ofSeconds(30));
            client.signUp("process-test", "process-test-password");
            long accountId = Long.parseLong(client.logIn("process-test", "process-test-password").accountId());
            bourse.grantShares(accountId, 100);
            assertThat(client.instruments()).hasSize(LocalBourse.SYMBOLS.size());
        }
        assertThat(processes).noneMatch(ServerProcess::isAlive);
        assertThat(logs.resolve("gateway-1.log")).exists();
        assertThat(Files.readString(logs.resolve("node-1.log"))).contains(ServerMain.READY);
    }

    @Test
    void aServerThatCannotStartSaysWhyWithItsLastOutput() {
        assertThatThrownBy(() -> ServerProcess.start("broken", List.of(), logs.resolve("broken.log"), "no-such-server"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken exited with status")
                .hasMessageContaining("unknown server");
    }
}
