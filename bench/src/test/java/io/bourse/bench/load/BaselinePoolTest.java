package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
    void fewerConnectionsThanServersAreRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        CommandLine bench = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

        int exit = bench.execute("compare", "--instances", "1,2,4", "--pool", "3");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--pool").contains("at least 4, one for each of its servers");
    }

    @Test
    void bourseAloneNeedsNoConnections() {
        assertThat(parsed("--systems", "bourse", "--instances", "16").invalidOptions()).isNull();
        assertThat(parsed("--instances", "16").invalidOptions()).contains("at least 16");
        assertThat(parsed("--instances", "16", "--pool", "16").invalidOptions()).isNull();
    }

    private static CompareCommand parsed(String... args) {
        CompareCommand compare = new CompareCommand();
        new CommandLine(compare).parseArgs(args);
        return compare;
    }
}
