package io.bourse.simulator;

import io.bourse.client.BourseApiException;
import io.bourse.client.model.Instrument;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.Quote;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a market alive: per ticker a fair value on a random walk; market makers re-quote a bid
 * and an ask around it; noise traders buy and sell at the market. Everything goes through the
 * public API, so the simulator is a bot like any other and needs nothing but a gateway's address.
 *
 * <p>Makers sell from inventory they must already hold (the launcher grants them shares when it
 * seeds a local platform); a bot that runs short simply has its orders refused and tries again.
 */
public final class MarketSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MarketSimulator.class);
    private static final double VOLATILITY = 0.002;
    /** How often the bands are read again: they move at the end of each trading day. */
    private static final long BANDS_EVERY_NANOS = 60_000_000_000L;

    private final SimulatorOptions options;
    private final List<Bot> makers;
    private final List<Bot> takers;
    private final Map<String, FairValue> fairValues = new LinkedHashMap<>();
    private final Random random;
    private final AtomicLong actions = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile boolean running = true;
    private Thread thread;

    private MarketSimulator(SimulatorOptions options, List<Bot> makers, List<Bot> takers, List<Instrument> instruments,
                            List<Quote> quotes) {
        this.options = options;
        this.makers = makers;
        this.takers = takers;
        this.random = new Random(options.seed());
        for (Instrument instrument : instruments) {
            Quote quote = quotes.stream().filter(q -> q.symbol().equals(instrument.symbol())).findFirst().orElse(null);
            String start = quote != null && quote.last() != null ? quote.last() : instrument.referencePrice();
            fairValues.put(instrument.symbol(), new FairValue(FairValue.cents(start), FairValue.cents(instrument.bandLow()),
                    FairValue.cents(instrument.bandHigh()), VOLATILITY));
        }
    }

    /** The bots' usernames, so a launcher can grant the makers their starting inventory. */
    public static List<String> makerNames(SimulatorOptions options) {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= options.makers(); i++) {
            names.add("sim-maker-" + i);
        }
        return names;
    }

    /** Logs every bot in and funds it with cash; nothing trades until {@link #begin()}. */
    public static MarketSimulator prepare(URI gateway, SimulatorOptions options) {
        List<Bot> makers = new ArrayList<>();
        for (String name : makerNames(options)) {
            Bot maker = Bot.login(gateway, name);
            maker.fund("1000000.00");
            makers.add(maker);
        }
        List<Bot> takers = new ArrayList<>();
        for (int i = 1; i <= options.takers(); i++) {
            Bot taker = Bot.login(gateway, "sim-taker-" + i);
            taker.fund("250000.00");
            takers.add(taker);
        }
        var client = makers.isEmpty() ? takers.get(0).client : makers.get(0).client;
        return new MarketSimulator(options, makers, takers, client.instruments(), client.quotes());
    }

    /** The market makers' account ids, so a launcher can grant them inventory to sell. */
    public List<Long> makerAccounts() {
        return makers.stream().map(m -> m.accountId).toList();
    }

    /** Starts trading, on a virtual thread of its own. */
    public MarketSimulator begin() {
        thread = Thread.ofVirtual().name("market-simulator").start(this::run);
        return this;
    }

    private void run() {
        long intervalNanos = (long) (1e9 / options.actionsPerSecond());
        long next = System.nanoTime();
        List<String> symbols = new ArrayList<>(fairValues.keySet());
        long bandsReadAt = System.nanoTime();
        while (running) {
            try {
                if (System.nanoTime() - bandsReadAt > BANDS_EVERY_NANOS) {
                    bandsReadAt = System.nanoTime();
                    readBands();
                }
                act(symbols.get(random.nextInt(symbols.size())));
            } catch (BourseApiException e) {
                refusals.incrementAndGet();
                LOG.debug("simulated order refused: {}", e.getMessage());
            } catch (RuntimeException e) {
                refusals.incrementAndGet();
                LOG.debug("simulator step failed: {}", e.toString());
            }
            actions.incrementAndGet();
            next += intervalNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            } else if (sleep < -1_000_000_000L) {
                next = System.nanoTime(); // fell far behind (a slow or restarting cluster): do not burst to catch up
            }
        }
    }

    private void readBands() {
        Bot any = makers.isEmpty() ? takers.get(0) : makers.get(0);
        for (Instrument instrument : any.client.instruments()) {
            FairValue fair = fairValues.get(instrument.symbol());
            if (fair != null) {
                fair.bandIs(FairValue.cents(instrument.bandLow()), FairValue.cents(instrument.bandHigh()));
            }
        }
    }

    /** One decision about one ticker: mostly makers re-quoting, sometimes a taker crossing the spread. */
    private void act(String symbol) {
        FairValue fair = fairValues.get(symbol);
        long value = fair.step(random);
        if (!makers.isEmpty() && (takers.isEmpty() || random.nextInt(3) > 0)) {
            requote(makers.get(random.nextInt(makers.size())), symbol, value);
        } else {
            Bot taker = takers.get(random.nextInt(takers.size()));
            long quantity = 1 + random.nextInt(25);
            String side = random.nextBoolean() ? "buy" : "sell";
            taker.client.placeOrder(OrderRequest.market(symbol, side, quantity));
        }
    }

    private void requote(Bot maker, String symbol, long valueCents) {
        long halfSpread = Math.max(1, valueCents / 1_000); // about 0.2 % wide
        maker.client.cancelAll(symbol);
        long size = 10 + random.nextInt(90);
        maker.client.placeOrder(OrderRequest.limit(symbol, "buy", size, FairValue.decimal(valueCents - halfSpread)).withTimeInForce("gtc"));
        maker.client.placeOrder(OrderRequest.limit(symbol, "sell", size, FairValue.decimal(valueCents + halfSpread)).withTimeInForce("gtc"));
    }

    public long actions() {
        return actions.get();
    }

    /** Requests the exchange refused (a bot short of cash or shares, a busy engine): expected now and then. */
    public long refusals() {
        return refusals.get();
    }

    @Override
    public void close() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
