package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.baseline.LocalPostgres;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `bourse bench compare --processes`, briefly: both systems measured, every process's CPU accounted for. */
@Timeout(300)
class CompareCommandTest {
    @TempDir
    Path out;

    @Test
    void comparingWithEveryServerInItsOwnProcessAccountsForEachProcess() throws Exception {
        if (LocalPostgres.binaries().isEmpty()) {
            if ("1".equals(System.getenv("BOURSE_REQUIRE_POSTGRES"))) {
                throw new IllegalStateException("PostgreSQL is missing: apt-get install postgresql");
            }
            Assumptions.abort("the comparison needs PostgreSQL (apt-get install postgresql)");
        }
        int exit = new CommandLine(new BenchCommand()).execute("compare", "--processes", "--instances", "1", "--shards", "2",
                "--users", "10", "--closed", "8", "--warmup", "1", "--duration", "2", "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode rows = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(rows).hasSize(2);
        assertThat(names(rows.get(0).get("cpuSeconds"))).containsExactly("load generator", "api-1", "postgres");
        assertThat(names(rows.get(1).get("cpuSeconds"))).containsExactly("load generator", "node-1", "node-2", "node-3", "gateway-1");
        for (JsonNode row : rows) {
            assertThat(row.get("result").get("completed").asLong()).isPositive();
            assertThat(row.get("result").get("errors").asLong()).isZero();
            row.get("cpuSeconds").forEach(seconds -> assertThat(seconds.asDouble()).isPositive());
        }
        assertThat(out.resolve("logs").resolve("baseline-1").resolve("api-1.log")).exists();
        assertThat(out.resolve("logs").resolve("bourse-1").resolve("gateway-1.log")).exists();
    }

    @Test
    void oneSystemAloneIsMeasuredWithoutTheOtherInEveryRound() throws Exception {
        // Bourse alone: no PostgreSQL is started, so this runs on a machine without it too.
        int exit = new CommandLine(new BenchCommand()).execute("compare", "--systems", "bourse", "--rounds", "2", "--instances", "1",
                "--shards", "2", "--users", "10", "--closed", "8", "--warmup", "1", "--duration", "2", "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode rows = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(rows).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(rows.get(i).get("system").asText()).isEqualTo("bourse");
            assertThat(rows.get(i).get("round").asInt()).isEqualTo(i + 1);
            assertThat(rows.get(i).get("result").get("completed").asLong()).isPositive();
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("compare-summary.json").toFile());
        assertThat(summary.get("sizes")).isEmpty(); // no baseline, no ratio
    }

    @Test
    void roundsAlternateWhichSystemGoesFirst() {
        CompareCommand compare = new CompareCommand();
        new CommandLine(compare).parseArgs("--rounds", "3");

        assertThat(compare.systemsInTurn(1)).containsExactly("baseline", "bourse");
        assertThat(compare.systemsInTurn(2)).containsExactly("bourse", "baseline");
        assertThat(compare.systemsInTurn(3)).containsExactly("baseline", "bourse");
    }

    @Test
    void aRoundCountOutsideOneToTwentyIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err))
                .execute("compare", "--rounds", "0", "--out", out.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds must be a number from 1 to 20");
        assertThat(out.resolve("compare.json")).doesNotExist();
    }

    @Test
    void anUnknownSystemIsRefusedBeforeAnythingStarts() {
        StringWriter err = new StringWriter();
        int exit = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err))
                .execute("compare", "--systems", "bourse,mysql", "--out", out.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--systems takes baseline, bourse or both, not bourse,mysql");
        assertThat(out.resolve("compare.json")).doesNotExist();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
