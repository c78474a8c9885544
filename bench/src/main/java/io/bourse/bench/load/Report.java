package io.bourse.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A run's results as a table, as JSON, and as an HTML page with charts (inline SVG, no scripts). */
final class Report {
    private Report() {}

    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
    }

    static void table(PrintStream out, List<LoadResult> results) {
        out.printf("%n%-10s %-12s %-7s %9s %10s %9s %9s %9s %9s %9s %8s%n", "system", "scenario", "mode", "offered", "done/s",
                "p50", "p90", "p99", "p99.9", "max", "errors");
        for (LoadResult r : results) {
            out.printf(Locale.ROOT, "%-10s %-12s %-7s %9s %10.0f %9s %9s %9s %9s %9s %8d%n", r.system(), r.scenario(), r.mode(),
                    r.mode().equals("open") ? String.format(Locale.ROOT, "%.0f/s", r.offeredRate()) : (int) r.offeredRate() + " users",
                    r.throughput(), millis(r.latency().p50()), millis(r.latency().p90()), millis(r.latency().p99()),
                    millis(r.latency().p999()), millis(r.latency().max()), r.errors());
        }
        for (LoadResult r : results) {
            if (r.latencyByOperation().size() > 1) {
                byOperation(out, r);
            }
        }
        for (LoadResult r : results) {
            if (r.hasUnexpectedErrors()) {
                out.printf("%n!!! %s %s at %.0f: %d requests FAILED: %s%n", r.system(), r.scenario(), r.offeredRate(), r.errors(),
                        r.errorsByType());
            }
        }
        out.println();
    }

    /** A mixed run's latency per kind of request: which part of the mix is slow. */
    private static void byOperation(PrintStream out, LoadResult r) {
        out.printf(Locale.ROOT, "%n%s %s %s %s, by operation:%n", r.system(), r.scenario(), r.mode(),
                r.mode().equals("open") ? String.format(Locale.ROOT, "%.0f/s", r.offeredRate()) : (int) r.offeredRate() + " users");
        out.printf("  %-12s %9s %9s %9s %9s %9s %9s%n", "operation", "answered", "p50", "p90", "p99", "p99.9", "max");
        r.latencyByOperation().forEach((operation, latency) -> out.printf(Locale.ROOT, "  %-12s %9d %9s %9s %9s %9s %9s%n", operation,
                latency.count(), millis(latency.p50()), millis(latency.p90()), millis(latency.p99()), millis(latency.p999()), millis(latency.max())));
    }

    static void write(Path folder, List<LoadResult> results) throws IOException {
        Files.createDirectories(folder);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(folder.resolve("results.json").toFile(), results);
        Files.writeString(folder.resolve("report.html"), html(results));
    }

    private static String html(List<LoadResult> results) {
        StringBuilder page = new StringBuilder("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Bourse load test</title>"
                + "<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#222}svg{background:#fafafa;border:1px solid #ddd}"
                + "td,th{padding:.2rem .6rem;text-align:right}th:first-child,td:first-child{text-align:left}</style>"
                + "<h1>Bourse load test</h1><table><tr><th>system</th><th>scenario</th><th>mode</th><th>offered</th><th>done/s</th>"
                + "<th>p50 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>errors</th></tr>");
        for (LoadResult r : results) {
            page.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%.0f</td><td>%.0f</td><td>%.1f</td>"
                    + "<td>%.1f</td><td>%.1f</td><td>%d</td></tr>", r.system(), r.scenario(), r.mode(), r.offeredRate(), r.throughput(),
                    r.latency().p50() / 1000.0, r.latency().p99() / 1000.0, r.latency().p999() / 1000.0, r.errors()));
        }
        page.append("</table>");
        for (LoadResult r : results) {
            page.append(String.format(Locale.ROOT, "<h2>%s %s, %s %.0f</h2>", r.system(), r.scenario(), r.mode(), r.offeredRate()));
            page.append(chart("completed requests per second", r.timeline().stream().mapToDouble(LoadResult.Second::completed).toArray(), null));
            page.append(chart("latency p50 / p99 (ms)", r.timeline().stream().mapToDouble(s -> s.p50Micros() / 1000.0).toArray(),
                    r.timeline().stream().mapToDouble(s -> s.p99Micros() / 1000.0).toArray()));
            if (r.latencyByOperation().size() > 1) {
                page.append("<table><tr><th>operation</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>p99.9 ms</th><th>max ms</th></tr>");
                r.latencyByOperation().forEach((operation, l) -> page.append(String.format(Locale.ROOT,
                        "<tr><td>%s</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td><td>%.1f</td></tr>", operation,
                        l.p50() / 1000.0, l.p90() / 1000.0, l.p99() / 1000.0, l.p999() / 1000.0, l.max() / 1000.0)));
                page.append("</table>");
            }
        }
        if (results.size() > 1) {
            page.append("<h2>p99 latency against offered rate</h2>");
            List<LoadResult> open = results.stream().filter(r -> r.mode().equals("open")).toList();
            page.append(scatter(open));
        }
        return page.append("</html>").toString();
    }

    private static String chart(String title, double[] first, double[] second) {
        int width = 640;
        int height = 200;
        double max = 1;
        for (double v : first) {
            max = Math.max(max, v);
        }
        if (second != null) {
            for (double v : second) {
                max = Math.max(max, v);
            }
        }
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<p>%s (max %.1f)</p><svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", title, max, width, height, title));
        svg.append(polyline(first, max, width, height, "#2a7ae2"));
        if (second != null) {
            svg.append(polyline(second, max, width, height, "#d9534f"));
        }
        return svg.append("</svg>").toString();
    }

    private static String polyline(double[] values, double max, int width, int height, String colour) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            double x = values.length == 1 ? 0 : i * (width - 10.0) / (values.length - 1) + 5;
            double y = height - 5 - values[i] / max * (height - 10);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"" + points + "\"/>";
    }

    private static String scatter(List<LoadResult> results) {
        int width = 640;
        int height = 240;
        double maxRate = results.stream().mapToDouble(LoadResult::offeredRate).max().orElse(1);
        double maxP99 = results.stream().mapToDouble(r -> r.latency().p99() / 1000.0).max().orElse(1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<p>x: offered rate (max %.0f/s), y: p99 (max %.1f ms)</p><svg width=\"%d\" height=\"%d\">", maxRate, maxP99, width, height));
        for (LoadResult r : results) {
            double x = 10 + r.offeredRate() / maxRate * (width - 20);
            double y = height - 10 - r.latency().p99() / 1000.0 / maxP99 * (height - 20);
            String colour = r.system().equals("bourse") ? "#2a7ae2" : "#d9534f";
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s %.0f/s p99 %.1f ms</title></circle>",
                    x, y, colour, r.system(), r.offeredRate(), r.latency().p99() / 1000.0));
        }
        return svg.append("</svg>").toString();
    }
}
