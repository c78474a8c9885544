package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `bourse bench` end to end, briefly: it starts a Bourse, loads it, and writes its results. */
@Timeout(180)
class BenchCommandTest {
    @TempDir
    Path out;

    @Test
    void aShortRunAgainstALocalBourseWritesResultsWithoutErrors() throws Exception {
        int exit = new CommandLine(new BenchCommand()).execute("--closed", "8", "--duration", "3", "--warmup", "1", "--users", "10",
                "--gateways", "1", "--shards", "2", "--out", out.toString());

        assertThat(exit).isZero();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get(0).get("completed").asLong()).isPositive();
        assertThat(results.get(0).get("errors").asLong()).isZero();
        assertThat(Files.readString(out.resolve("report.html"))).contains("<svg");
    }

    @Test
    void badOptionsAreRefused() {
        assertThat(new CommandLine(new BenchCommand()).execute("--scenario", "nap", "--rate", "10")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).execute("--duration", "1")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).execute("compare", "--instances", "0")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).execute("compare", "--instances", "1,17")).isEqualTo(2);
    }
}
