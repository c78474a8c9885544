package io.bourse.bench.load;

import io.bourse.client.model.Instrument;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.ReplaceRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The mix of requests each scenario sends, over many accounts and symbols. Order entry: 50 % new
 * resting orders (buys below the reference price, and sells above it from traders holding shares),
 * 20 % cancels, 15 % replaces, 15 % marketable orders that cross the spread. Prices are whole ticks
 * inside the band, so the engine accepts them and real matching happens.
 */
final class Workload {
    private final Scenario scenario;
    private final List<Trader> traders;
    private final List<Instrument> instruments;
    private final boolean sellersHaveShares;

    Workload(Scenario scenario, List<Trader> traders, List<Instrument> instruments, boolean sellersHaveShares) {
        this.scenario = scenario;
        this.traders = traders;
        this.instruments = instruments;
        this.sellersHaveShares = sellersHaveShares;
    }

    Operation next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        Trader trader = traders.get(random.nextInt(traders.size()));
        Instrument instrument = instruments.get(random.nextInt(instruments.size()));
        return scenario == Scenario.READ_HEAVY ? read(trader, instrument, random) : orderEntry(trader, instrument, random);
    }

    private Operation orderEntry(Trader trader, Instrument instrument, ThreadLocalRandom random) {
        int dice = random.nextInt(100);
        boolean sells = trader.seller && sellersHaveShares;
        if (dice < 50 && trader.atOpenOrderLimit()) {
            dice = 50; // keep the user's open orders bounded: cancel its oldest instead
        }
        if (dice < 50) {
            String side = sells ? "sell" : "buy";
            String price = priceAround(instrument, sells ? 1.005 : 0.97, sells ? 1.03 : 0.995, random);
            long quantity = instrument.lotSize() * (1 + random.nextInt(10));
            return new Operation("place", () -> trader.client.placeOrderAsync(
                    OrderRequest.limit(instrument.symbol(), side, quantity, price).withTimeInForce("gtc"))
                    .thenAccept(order -> trader.opened(order.id())));
        }
        if (dice < 70) {
            String orderId = trader.takeOldest();
            if (orderId != null) {
                return new Operation("cancel", () -> trader.client.cancelOrderAsync(orderId), Set.of("unknown-order", "order-not-open"));
            }
        } else if (dice < 85) {
            String orderId = trader.takeOldest();
            if (orderId != null) {
                long quantity = instrument.lotSize() * (1 + random.nextInt(10));
                return new Operation("replace", () -> trader.client.replaceOrderAsync(orderId, new ReplaceRequest(null, quantity))
                        .thenRun(() -> trader.opened(orderId)), Set.of("unknown-order", "order-not-open", "nothing-to-amend", "quantity-below-filled", "amend-in-progress"));
            }
        }
        // Cross the spread: a buy a little above the reference meets the resting sells.
        long quantity = instrument.lotSize() * (1 + random.nextInt(3));
        String price = priceAround(instrument, 1.03, 1.05, random);
        return new Operation("marketable", () -> trader.client.placeOrderAsync(
                OrderRequest.limit(instrument.symbol(), "buy", quantity, price).withTimeInForce("ioc")));
    }

    private Operation read(Trader trader, Instrument instrument, ThreadLocalRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> new Operation("quote", () -> trader.client.quoteAsync(instrument.symbol()));
            case 1 -> new Operation("book", () -> trader.client.bookAsync(instrument.symbol(), 10));
            case 2 -> new Operation("portfolio", trader.client::portfolioAsync);
            default -> new Operation("orders", () -> trader.client.ordersAsync("open", null, 50, null));
        };
    }

    /** A price between {@code low} and {@code high} times the reference, in whole ticks, inside the band. */
    static String priceAround(Instrument instrument, double low, double high, ThreadLocalRandom random) {
        BigDecimal reference = new BigDecimal(instrument.referencePrice());
        BigDecimal tick = new BigDecimal(instrument.tickSize());
        BigDecimal factor = BigDecimal.valueOf(low + (high - low) * random.nextDouble());
        BigDecimal price = reference.multiply(factor).divide(tick, 0, RoundingMode.HALF_EVEN).multiply(tick);
        BigDecimal bandLow = new BigDecimal(instrument.bandLow());
        BigDecimal bandHigh = new BigDecimal(instrument.bandHigh());
        return price.max(bandLow).min(bandHigh).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
