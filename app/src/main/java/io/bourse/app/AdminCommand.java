package io.bourse.app;

import io.bourse.app.config.BourseConfig;
import io.bourse.app.config.ConfigException;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.shard.Command.HaltTrading;
import io.bourse.core.shard.CommandResult;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.directory.InstrumentListing;
import io.bourse.engine.query.ShardStatus;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Operating a running cluster: its status, listing instruments, halting and resuming trading. */
@Command(name = "admin", mixinStandardHelpOptions = true, description = "Operates a running cluster.",
        subcommands = {AdminCommand.Status.class, AdminCommand.ListInstrument.class, AdminCommand.Halt.class, AdminCommand.Resume.class,
                AdminCommand.EndDay.class})
final class AdminCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every admin subcommand shares: the configuration, an engine client, and clear errors. */
    abstract static class AdminTask implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", required = true, description = "The cluster's configuration file.")
        Path config;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            BourseConfig cluster;
            try {
                cluster = BourseConfig.load(config);
            } catch (ConfigException e) {
                err.println("error: " + e.getMessage());
                return 2;
            }
            try (EngineClient engine = new EngineClient(cluster.layout(), new EngineClientOptions(2_000, 10_000))) {
                return run(cluster.layout(), engine, out, err);
            } catch (RuntimeException e) {
                err.println("error: " + e.getMessage());
                return 1;
            } finally {
                out.flush();
                err.flush();
            }
        }

        abstract int run(ClusterLayout layout, EngineClient engine, PrintWriter out, PrintWriter err);

        static Optional<InstrumentListing> listing(EngineClient engine, String symbol) {
            return engine.refreshDirectory().instrument(symbol);
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Nodes, shards, leaders and how far each replica lags.")
    static final class Status extends AdminTask {
        @Override
        int run(ClusterLayout layout, EngineClient engine, PrintWriter out, PrintWriter err) {
            out.printf("%d nodes: %s%n", layout.nodes().size(),
                    String.join(", ", layout.nodes().stream().map(n -> n.id() + "@" + n.endpoint()).toList()));
            int unhealthy = 0;
            for (ShardLayout shard : layout.shards()) {
                ShardStatus leader = engine.status(shard.shardId());
                String leaderEndpoint = engine.leaderOf(shard.groupId());
                out.printf("shard %d: leader %s, %d account slots, %d open orders, %d messages unacknowledged%n", shard.shardId(),
                        nodeAt(layout, leaderEndpoint), leader.slotsOwned(), leader.openOrders(), leader.unacknowledgedMessages());
                for (String replica : shard.replicas()) {
                    String endpoint = layout.node(replica).endpoint();
                    try {
                        ShardStatus status = engine.replicaStatus(shard.shardId(), endpoint);
                        long lagMillis = Math.max(0, leader.logTimeMillis() - status.logTimeMillis());
                        // The leader was read a moment before: under traffic every replica, the leader
                        // too, has applied more since, so a state that differs but is not older is in step.
                        boolean same = status.stateHash().equals(leader.stateHash()) || lagMillis == 0;
                        out.printf("  %-10s %s%n", replica, same ? "in step" : "behind by " + lagMillis + " ms of log time");
                    } catch (RuntimeException e) {
                        unhealthy++;
                        out.printf("  %-10s DOWN (%s)%n", replica, e.getMessage());
                    }
                }
            }
            for (InstrumentListing listing : engine.refreshDirectory().instruments()) {
                boolean halted = engine.quote(listing.instrument().id(), true).halted();
                out.printf("%-9s book on shard %d%s%n", listing.instrument().symbol(), listing.marketShard(), halted ? "  HALTED" : "");
            }
            return unhealthy == 0 ? 0 : 3;
        }

        private static String nodeAt(ClusterLayout layout, String endpoint) {
            return layout.nodes().stream().filter(n -> n.endpoint().equals(endpoint)).map(n -> n.id()).findFirst().orElse(endpoint);
        }
    }

    @Command(name = "list-instrument", mixinStandardHelpOptions = true, description = "Lists a new instrument.")
    static final class ListInstrument extends AdminTask {
        @Option(names = "--symbol", required = true, description = "Ticker: 1-12 capitals, digits or dots, starting with a capital.")
        String symbol;

        @Option(names = "--price", required = true, description = "Reference price in dollars, e.g. 25.00.")
        BigDecimal price;

        @Option(names = "--tick", defaultValue = "0.01", description = "Tick size in dollars (default: ${DEFAULT-VALUE}).")
        BigDecimal tick;

        @Option(names = "--lot", defaultValue = "1", description = "Lot size in shares (default: ${DEFAULT-VALUE}).")
        long lot;

        @Option(names = "--band-percent", defaultValue = "10", description = "Price band around the reference (default: ${DEFAULT-VALUE}).")
        int bandPercent;

        @Option(names = "--shard", description = "The shard to hold its book (default: the one holding the fewest books).")
        Integer shard;

        @Override
        int run(ClusterLayout layout, EngineClient engine, PrintWriter out, PrintWriter err) {
            List<InstrumentListing> existing = engine.refreshDirectory().instruments();
            long tickCents;
            long referenceTicks;
            try {
                tickCents = tick.movePointRight(2).longValueExact();
                long priceCents = price.movePointRight(2).longValueExact();
                if (tickCents <= 0 || priceCents % tickCents != 0) {
                    err.println("error: --price must be a positive whole number of ticks (--tick " + tick + ")");
                    return 2;
                }
                referenceTicks = priceCents / tickCents;
            } catch (ArithmeticException e) {
                err.println("error: --price and --tick must be whole cents");
                return 2;
            }
            int marketShard = shard != null ? shard : layout.shards().stream().map(ShardLayout::shardId)
                    .min((a, b) -> Long.compare(count(existing, a), count(existing, b))).orElseThrow();
            int id = existing.stream().mapToInt(l -> l.instrument().id()).max().orElse(0) + 1;
            Instrument instrument = new Instrument(id, symbol, tickCents, lot, referenceTicks, bandPercent * 100,
                    Math.min(500, bandPercent * 100), 1, 2, 1_000_000);
            if (instrument.problem() != null) {
                err.println("error: that instrument is not valid (" + instrument.problem() + "): check the symbol, price, tick, lot and band");
                return 2;
            }
            if (layout.shard(marketShard).isEmpty()) {
                err.println("error: there is no shard " + marketShard);
                return 2;
            }
            CommandResult result = engine.listInstrument(instrument, marketShard);
            if (result.isRejected()) {
                err.println("error: the directory refused it: " + result.reason());
                return 1;
            }
            out.printf("Listed %s (id %d) at %s, book on shard %d%n", symbol, id, price, marketShard);
            return 0;
        }

        private static long count(List<InstrumentListing> listings, int shardId) {
            return listings.stream().filter(l -> l.marketShard() == shardId).count();
        }
    }

    @Command(name = "halt", mixinStandardHelpOptions = true, description = "Halts trading in a symbol: new orders are refused, cancels still work.")
    static final class Halt extends AdminTask {
        @Parameters(paramLabel = "SYMBOL")
        String symbol;

        @Override
        int run(ClusterLayout layout, EngineClient engine, PrintWriter out, PrintWriter err) {
            return setHalted(engine, symbol, true, out, err);
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Resumes trading in a halted symbol.")
    static final class Resume extends AdminTask {
        @Parameters(paramLabel = "SYMBOL")
        String symbol;

        @Override
        int run(ClusterLayout layout, EngineClient engine, PrintWriter out, PrintWriter err) {
            return setHalted(engine, symbol, false, out, err);
        }
    }

    @Command(name = "end-day", mixinStandardHelpOptions = true,
            description = {"Ends a trading day on every shard: day orders and day stops expire, and each book's day figures "
                    + "start over (its last trade becomes the previous close). Then each instrument's price band is centred on "
                    + "that close.",
                    "Each shard ends a day once: running this again for the same day, say after a timeout, changes nothing."})
    static final class EndDay extends AdminTask {
        @Option(names = "--day", paramLabel = "YYYY-MM-DD", converter = DayConverter.class,
                description = "The trading day to end (UTC); default: today.")
        LocalDate day;

        static final class DayConverter implements CommandLine.ITypeConverter<LocalDate> {
            @Override
            public LocalDate convert(String text) {
                LocalDate day;
                try {
                    day = LocalDate.parse(text);
                } catch (DateTimeParseException e) {
                    throw new CommandLine.TypeConversionException("'" + text + "' is not a date as YYYY-MM-DD");
                }
                // Day 0 (1970-01-01) is the unnumbered end of day, which no shard remembers ending.
                if (day.toEpochDay() < 1) {
                    throw new CommandLine.TypeConversionException("'" + text + "' is before any trading day (1970-01-02 on)");
                }
                return day;
            }
        }

        @Override
        int run(ClusterLayout layout, EngineClient engine, PrintWriter out, PrintWriter err) {
            TradingDays.Ending ending = TradingDays.end(layout, engine, day != null ? day : LocalDate.now(ZoneOffset.UTC));
            ending.refusals().forEach(refusal -> err.println("error: " + refusal));
            if (!ending.summary().isEmpty()) {
                out.println(ending.summary());
            }
            return ending.refusals().isEmpty() ? 0 : 1;
        }
    }

    static int setHalted(EngineClient engine, String symbol, boolean halted, PrintWriter out, PrintWriter err) {
        Optional<InstrumentListing> listing = AdminTask.listing(engine, symbol);
        if (listing.isEmpty()) {
            err.println("error: no instrument " + symbol + " is listed");
            return 2;
        }
        CommandResult result = engine.submit(listing.get().marketShard(),
                List.of(new HaltTrading(listing.get().instrument().id(), halted))).get(0);
        if (result.isRejected()) {
            err.println("error: the market shard refused it: " + result.reason());
            return 1;
        }
        out.printf("%s %s%n", symbol, halted ? "halted: new orders are refused until 'bourse admin resume " + symbol + "'" : "trading again");
        return 0;
    }
}
