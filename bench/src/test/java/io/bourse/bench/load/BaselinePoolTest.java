package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The baseline's database connections are a total, shared by its servers, not a number per server. */
class BaselinePoolTest {
    @Test
    void theTotalIsSharedEvenlyByTheServers() {
        assertThat(CompareCommand.connectionsPerServer(16, 1)).isEqualTo(16);
        assertThat(CompareCommand.connectionsPerServer(16, 2)).isEqualTo(8);
        assertThat(CompareCommand.connectionsPerServer(16, 4)).isEqualTo(4);
        assertThat(CompareCommand.connectionsPerServer(16, 3)).isEqualTo(5);
    }

    @Test
    void everyServerGetsAtLeastOneConnection() {
        assertThat(CompareCommand.connectionsPerServer(2, 4)).isEqualTo(1);
    }
}
