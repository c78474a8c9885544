package io.bourse.bench.load;

import picocli.CommandLine.Option;

/** The options every load run shares: how many accounts, and how long. */
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
}
