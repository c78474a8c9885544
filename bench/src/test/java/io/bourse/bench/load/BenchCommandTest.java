package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        int exit;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new BenchCommand()).execute("--closed", "8", "--duration", "3", "--warmup", "1", "--users", "10",
                    "--gateways", "1", "--shards", "2", "--out", out.toString());
        } finally {
            System.setOut(console);
        }
        console.print(printed.toString(StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        Matcher entries = Pattern.compile("log entries: ([\\d,]+) a second, ([\\d.]+) commands each")
                .matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(entries.find()).as("how the leaders batched during the run").isTrue();
        assertThat(Long.parseLong(entries.group(1).replace(",", ""))).isPositive();
        assertThat(Double.parseDouble(entries.group(2))).isGreaterThanOrEqualTo(1.0);
        Matcher cpu = Pattern.compile("CPU: ([\\d,]+) microseconds a request, (\\d+) % of one core")
                .matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(cpu.find()).as("what the run cost in CPU").isTrue();
        assertThat(Long.parseLong(cpu.group(1).replace(",", ""))).isPositive();
        assertThat(Long.parseLong(cpu.group(2))).isPositive();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get(0).get("completed").asLong()).isPositive();
        assertThat(results.get(0).get("errors").asLong()).isZero();
        assertThat(results.get(0).get("latencyByOperation").get("place").get("p50").asLong()).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("by operation:");
        String report = Files.readString(out.resolve("report.html"));
        assertThat(report).contains("<svg").contains("<td>place</td>");
    }

    @Test
    void badOptionsAreRefused() {
        assertThat(new CommandLine(new BenchCommand()).execute("--scenario", "nap", "--rate", "10")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).execute("--duration", "1")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).execute("compare", "--instances", "0")).isEqualTo(2);
        assertThat(new CommandLine(new BenchCommand()).execute("compare", "--instances", "1,17")).isEqualTo(2);
    }
}
