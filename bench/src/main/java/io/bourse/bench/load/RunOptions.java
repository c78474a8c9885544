package io.bourse.bench.load;

import io.bourse.client.HttpTransport;
import picocli.CommandLine.Option;

/** The options every load run shares: how many accounts, how long, the shards of a Bourse it starts, and the HTTP it speaks. */
final class RunOptions {
    @Option(names = "--users", defaultValue = "200", description = "Accounts the load spreads over (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int duration;

    /**
     * Long by default: a JVM running engine nodes, gateways and the load spends tens of seconds
     * compiling (measured on 2 cores: a quarter of all CPU still went to the JIT 35 s in), and a
     * short warm-up measures the compiler, not the system.
     */
    @Option(names = "--warmup", defaultValue = "60", description = "Seconds of unmeasured closed-loop load first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--shards", defaultValue = "4", description = "Shards of a Bourse started here (default: ${DEFAULT-VALUE}).")
    int shards;

    /**
     * HTTP/1.1 by default, as the figures in docs/benchmarks.md were measured until HTTP/2 came;
     * both Bourse's gateways and the baseline's servers speak either.
     */
    @Option(names = "--http", defaultValue = "1.1", paramLabel = "1.1|2",
            description = "HTTP version of the load: 1.1 (a connection per request in flight) or 2 (concurrent streams over one"
                    + " connection per server; h2c to plain-HTTP servers) (default: ${DEFAULT-VALUE}).")
    String http;

    /** The client for the HTTP version asked for; {@link IllegalArgumentException} naming the option for any other. */
    HttpTransport transport() {
        return switch (http) {
            case "1.1" -> Population.transport();
            case "2" -> new Http2Transport();
            default -> throw new IllegalArgumentException("--http must be 1.1 or 2, not " + http);
        };
    }
}
