package io.bourse.bench.load;

import picocli.CommandLine.Option;

/** The options every load run shares: how many accounts, how long, and the shards of a Bourse it starts. */
final class RunOptions {
    @Option(names = "--users", defaultValue = "200", description = "Accounts the load spreads over (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--duration", defaultValue = "20", description = "Measured seconds per run (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--warmup", defaultValue = "5", description = "Seconds of unmeasured load first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--shards", defaultValue = "4", description = "Shards of a Bourse started here (default: ${DEFAULT-VALUE}).")
    int shards;
}
