package io.bourse.gateway;

import static io.bourse.gateway.BourseAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.bourse.client.BourseApiException;
import io.bourse.client.BourseClient;
import io.bourse.client.BourseStream;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.Portfolio;
import io.bourse.client.model.Position;
import io.bourse.client.model.Problem;
import io.bourse.client.model.StreamMessage;
import io.bourse.client.model.Transfer;
import io.bourse.core.instrument.Instrument;
import io.bourse.gateway.TestPlatform.Trader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End to end through two gateways into a three-node cluster: users on different shards sign up,
 * fund their accounts, trade, and see the right positions and P&L to the cent, live on the stream.
 */
@Timeout(120)
class TradingThroughGatewaysTest {
    private final TestPlatform platform = TestPlatform.get();

    @Test
    void usersOnDifferentShardsTradeAndSeeTheirPositionsAndFillsLive() {
        Trader alice = platform.newTrader("alice", 1, 0, "10000.00");
        Trader bob = platform.newTrader("bob", 3, 1, "10000.00");
        platform.grantShares(bob.accountId(), TestPlatform.ACME, 100);
        List<BourseStream.Message> heard = new CopyOnWriteArrayList<>();
        try (BourseStream stream = alice.client().stream(heard::add)) {
            stream.subscribeOrders();
            await().atMost(Duration.ofSeconds(10)).until(() -> has(heard, "balances"));

            // Bob rests 10 @ 100.00 (maker, 1c a share); Alice buys above it and trades at 100.00 (taker, 2c a share).
            bob.client().placeOrder(OrderRequest.limit("ACME", "sell", 10, "100.00"));
            Order aliceBuy = alice.client().placeOrder(OrderRequest.limit("ACME", "buy", 10, "100.50"));
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.client().order(aliceBuy.id()).status().equals("filled"));
            // Alice sells 4 back @ 101.00 as maker; Bob takes them.
            alice.client().placeOrder(OrderRequest.limit("ACME", "sell", 4, "101.00"));
            bob.client().placeOrder(OrderRequest.limit("ACME", "buy", 4, "101.00"));
            await().atMost(Duration.ofSeconds(10)).until(() -> alice.client().positions().get(0).quantity() == 6);

            Portfolio portfolio = alice.client().portfolio();
            // 10,000.00 - (1,000.00 + 0.20 fee) + (404.00 - 0.04 fee)
            assertThat(portfolio.cash()).isEqualTo("9403.76");
            assertThat(portfolio.buyingPower()).isEqualTo("9403.76");
            Position acme = portfolio.positions().get(0);
            assertThat(acme.symbol()).isEqualTo("ACME");
            assertThat(acme.quantity()).isEqualTo(6);
            // The 4 sold took their average cost (1,000.20 × 4/10 = 400.08) with them.
            assertThat(acme.costBasis()).isEqualTo("600.12");
            assertThat(acme.averageCost()).isEqualTo("100.02");
            assertThat(acme.marketPrice()).isEqualTo("101.00");
            assertThat(acme.marketValue()).isEqualTo("606.00");
            assertThat(acme.unrealizedPnl()).isEqualTo("5.88");
            assertThat(acme.realizedPnl()).isEqualTo("3.88");
            assertThat(portfolio.totalValue()).isEqualTo("10009.76");

            Position bobs = bob.client().positions().get(0);
            assertThat(bobs.quantity()).isEqualTo(94);
            assertThat(bobs.realizedPnl()).isEqualTo("999.90"); // shares that cost nothing, sold for 1,000.00 less 0.10

            assertThat(alice.client().fills(null, 10, null).fills()).extracting(f -> f.price() + "x" + f.quantity() + " " + f.liquidity())
                    .containsExactly("101.00x4 maker", "100.00x10 taker");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<StreamMessage.FillReport> fills = heard.stream().filter(m -> m.type().equals("fill"))
                        .map(m -> m.as(StreamMessage.FillReport.class)).toList();
                assertThat(fills).extracting(f -> f.fill().quantity()).containsExactly(10L, 4L);
                assertThat(heard.stream().filter(m -> m.type().equals("order")).map(m -> m.as(StreamMessage.OrderUpdate.class))
                        .filter(u -> u.id().equals(aliceBuy.id())).map(StreamMessage.OrderUpdate::status))
                        .contains("pending_new", "filled");
                StreamMessage.Balances last = heard.stream().filter(m -> m.type().equals("balances"))
                        .map(m -> m.as(StreamMessage.Balances.class)).reduce((a, b) -> b).orElseThrow();
                assertThat(last.balances().get(0).total()).isEqualTo("9403.76");
            });
        }
    }

    @Test
    void anOrderIsRefusedWithTheReasonAndNothingIsHeld() {
        Trader carol = platform.newTrader("carol", 0, 0, "100.00");

        assertThat(problemOf(() -> carol.client().placeOrder(OrderRequest.limit("ACME", "buy", 10, "100.00"))).kind())
                .isEqualTo("insufficient-buying-power");
        assertThat(problemOf(() -> carol.client().placeOrder(OrderRequest.limit("ACME", "sell", 1, "100.00"))).kind())
                .isEqualTo("insufficient-shares");
        assertThat(problemOf(() -> carol.client().placeOrder(OrderRequest.limit("ACME", "buy", 1, "500.00"))).kind())
                .isEqualTo("price-outside-band");
        assertThat(carol.client().portfolio().cashHeld()).isEqualTo("0.00");
        assertThat(carol.client().orders("all", null, 10, null).orders()).isEmpty();
    }

    @Test
    void anOrderIsFoundByItsClientOrderIdOpenOrEnded() {
        Trader hana = platform.newTrader("hana", 0, 1, "1000.00");
        Order placed = hana.client().placeOrder(new OrderRequest("ACME", "buy", "limit", "day", 2L, "90.00", null, null, "bot-order-7"));

        assertThat(hana.client().orderByClientOrderId("bot-order-7")).map(Order::id).hasValue(placed.id());
        hana.client().cancelOrder(placed.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> hana.client().order(placed.id()).status().equals("canceled"));
        assertThat(hana.client().orderByClientOrderId("bot-order-7")).map(Order::status).hasValue("canceled");
        assertThat(hana.client().orderByClientOrderId("never-used")).isEmpty();
        assertThat(problemOf(() -> hana.client().orderByClientOrderId("has spaces")).problem().errors())
                .extracting(Problem.FieldError::field).containsExactly("clientOrderId");
    }

    /** BETA: 5-cent ticks, reference $20.00, band 20 % ($16.00 to $24.00). */
    @Test
    void aRefusedPriceIsNamedAsTheFieldItCameInAndABandRefusalSaysTheBand() {
        Trader olga = platform.newTrader("olga", 1, 0, "1000.00");

        assertRefused(olga, new OrderRequest("BETA", "sell", "stop", "day", 10L, null, "30.00", null, null),
                "price-outside-band", "stopPrice", "is outside the instrument's price band, 16.00 to 24.00");
        assertRefused(olga, new OrderRequest("BETA", "buy", "stop_limit", "day", 10L, "20.00", "20.02", null, null),
                "not-a-tick-multiple", "stopPrice", "must be a whole number of ticks of 0.05");
        assertRefused(olga, new OrderRequest("BETA", "buy", "stop_limit", "day", 10L, "30.00", "20.00", null, null),
                "price-outside-band", "limitPrice", "is outside the instrument's price band, 16.00 to 24.00");
        assertRefused(olga, OrderRequest.limit("BETA", "buy", 10, "20.03"),
                "not-a-tick-multiple", "limitPrice", "must be a whole number of ticks of 0.05");
        assertThat(olga.client().portfolio().cashHeld()).isEqualTo("0.00");
        assertThat(olga.client().orders("all", null, 10, null).orders()).isEmpty();
    }

    private static void assertRefused(Trader trader, OrderRequest order, String kind, String field, String message) {
        BourseApiException refused = problemOf(() -> trader.client().placeOrder(order));
        assertThat(refused.kind()).as(order.toString()).isEqualTo(kind);
        assertThat(refused.problem().errors()).as(order.toString()).containsExactly(new Problem.FieldError(field, message));
    }

    /** ACME's book and BETA's are on different shards: the portfolio asks each for its prices once. */
    @Test
    void aPortfolioValuesPositionsOnEveryMarketShardAtTheirLastPrice() {
        Trader frank = platform.newTrader("frank", 2, 1, "1000.00");
        platform.grantShares(frank.accountId(), TestPlatform.ACME, 7);
        platform.grantShares(frank.accountId(), TestPlatform.BETA, 30);

        Portfolio portfolio = frank.client().portfolio();

        assertThat(portfolio.positions()).extracting(Position::symbol, Position::quantity)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ACME", 7L), org.assertj.core.groups.Tuple.tuple("BETA", 30L));
        java.math.BigDecimal total = new java.math.BigDecimal(portfolio.cash());
        for (Position position : portfolio.positions()) {
            String last = frank.client().quote(position.symbol()).last();
            String price = last != null ? last : frank.client().instrument(position.symbol()).referencePrice();
            assertThat(position.marketPrice()).as(position.symbol()).isEqualTo(price);
            java.math.BigDecimal value = new java.math.BigDecimal(price).multiply(java.math.BigDecimal.valueOf(position.quantity()));
            assertThat(new java.math.BigDecimal(position.marketValue())).as(position.symbol()).isEqualByComparingTo(value);
            total = total.add(value);
        }
        assertThat(new java.math.BigDecimal(portfolio.totalValue())).isEqualByComparingTo(total);
    }

    @Test
    void depositsPastWhatTheShardMayHoldAreRefusedAndChangeNothing() {
        Trader erin = platform.newTrader("erin", 2, 1, null);
        String largest = "9999999999999.99"; // the most one deposit may be; four fit in a shard's limit, five do not
        for (int i = 0; i < 4; i++) {
            erin.client().deposit(largest);
        }
        var refused = problemOf(() -> erin.client().deposit(largest));
        assertThat(refused.kind()).isEqualTo("deposit-limit-reached");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.problem().detail()).startsWith("amount: would take what has been deposited past");
        assertThat(erin.client().portfolio().cash()).isEqualTo("39999999999999.96");
        assertThat(problemOf(() -> erin.client().deposit("10000000000000.00")).problem().detail())
                .isEqualTo("amount: must be at most 9999999999999.99");
        // Give the room back: the platform is shared with the other tests, whose deposits land on this shard too.
        for (int i = 0; i < 4; i++) {
            erin.client().withdraw(largest);
        }
        assertThat(erin.client().portfolio().cash()).isEqualTo("0.00");
    }

    @Test
    void depositsAndWithdrawalsAreListedNewestFirstAPageAtATime() {
        Trader tina = platform.newTrader("tina", 0, 0, null);
        Transfer hundred = tina.client().deposit("100.00");
        tina.client().deposit("200.00");
        tina.client().withdraw("50.00");
        platform.grantShares(tina.accountId(), TestPlatform.ACME, 7);

        var firstPage = platform.client(1).useToken(tina.client().token()).transfers(2, null);
        assertThat(firstPage.transfers()).extracting(Transfer::type, Transfer::amount, Transfer::symbol, Transfer::quantity)
                .containsExactly(tuple("deposit", null, "ACME", 7L), tuple("withdrawal", "50.00", null, null));
        var secondPage = tina.client().transfers(2, firstPage.nextCursor());
        assertThat(secondPage.transfers()).extracting(Transfer::type, Transfer::amount)
                .containsExactly(tuple("deposit", "200.00"), tuple("deposit", "100.00"));
        assertThat(secondPage.nextCursor()).isNull();
        // The answer to the deposit is the transfer as listed, with the time its shard applied it.
        assertThat(secondPage.transfers().get(1)).isEqualTo(hundred);
        assertThat(hundred.time()).isNotNull();

        assertThat(problemOf(() -> tina.client().transfers(2, "not-a-cursor")).problem().detail()).startsWith("cursor:");
        assertThat(problemOf(() -> tina.client().transfers(0, null)).status()).isEqualTo(400);
        assertThat(platform.newTrader("ursula", 0, 0, null).client().transfers(50, null).transfers()).isEmpty();
    }

    @Test
    void aPriceBandMovedInTheDirectoryReachesTheShardsAndEveryGateway() {
        // Its own instrument: the other tests trade ACME and BETA at prices inside their bands.
        Instrument gamma = new Instrument(3, "GAMMA", 1, 1, 5_000, 1_000, 500, 1, 2, 10_000); // $50.00, a ±10 % band
        platform.cluster.list(gamma, 3);
        Trader gina = platform.newTrader("gina", 0, 0, "10000.00");
        // The account's shard takes GAMMA up from the directory within half a second (unknown-instrument until then).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertRefused(gina, OrderRequest.limit("GAMMA", "buy", 1, "60.00"), "price-outside-band", "limitPrice",
                        "is outside the instrument's price band, 45.00 to 55.00"));

        assertThat(platform.engine().moveReferencePrice(gamma.id(), 6_000).outcome()).isEqualTo(io.bourse.core.shard.Outcome.ACCEPTED);
        assertThat(platform.engine().moveReferencePrice(gamma.id(), 6_000).outcome()).isEqualTo(io.bourse.core.shard.Outcome.DUPLICATE);

        for (int gateway = 0; gateway < 2; gateway++) {
            BourseClient client = platform.client(gateway).useToken(gina.client().token());
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(client.instrument("GAMMA")).extracting(i -> i.referencePrice(), i -> i.bandLow(), i -> i.bandHigh())
                            .containsExactly("60.00", "54.00", "66.00"));
        }
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() ->
                assertThat(gina.client().placeOrder(OrderRequest.limit("GAMMA", "buy", 1, "60.00")).status()).isEqualTo("pending_new"));
        assertRefused(gina, OrderRequest.limit("GAMMA", "buy", 1, "50.00"), "price-outside-band", "limitPrice",
                "is outside the instrument's price band, 54.00 to 66.00");
    }

    @Test
    void openOrdersAreListedReplacedAndCanceled() {
        Trader dave = platform.newTrader("dave", 0, 1, "5000.00");
        Order first = dave.client().placeOrder(OrderRequest.limit("ACME", "buy", 5, "90.00"));
        Order second = dave.client().placeOrder(OrderRequest.limit("ACME", "buy", 5, "91.00"));
        await().atMost(Duration.ofSeconds(10)).until(() -> dave.client().order(second.id()).status().equals("new"));

        Order replaced = dave.client().replaceOrder(second.id(), new io.bourse.client.model.ReplaceRequest("92.00", null));
        assertThat(replaced.id()).isEqualTo(second.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> dave.client().order(second.id()).limitPrice().equals("92.00"));
        // Held: 5 × 90.00 + 5 × 92.00 + the taker fee (2 cents) on 10 shares.
        assertThat(dave.client().portfolio().cashHeld()).isEqualTo("910.20");
        // A new quantity alone keeps the price the order has now (92.00), not the one it was placed at.
        dave.client().replaceOrder(second.id(), new io.bourse.client.model.ReplaceRequest(null, 7L));
        await().atMost(Duration.ofSeconds(10)).until(() -> dave.client().order(second.id()).quantity() == 7);
        assertThat(dave.client().order(second.id()).limitPrice()).isEqualTo("92.00");
        assertThat(dave.client().portfolio().cashHeld()).isEqualTo("1094.24");
        assertThat(problemOf(() -> dave.client().replaceOrder("999999", new io.bourse.client.model.ReplaceRequest(null, 7L))).kind())
                .isEqualTo("unknown-order");

        assertThat(dave.client().orders("open", "ACME", 1, null).orders()).extracting(Order::id).containsExactly(second.id());
        String cursor = dave.client().orders("open", "ACME", 1, null).nextCursor();
        assertThat(dave.client().orders("open", "ACME", 1, cursor).orders()).extracting(Order::id).containsExactly(first.id());

        dave.client().cancelOrder(first.id());
        assertThat(dave.client().cancelAll("ACME").requested()).isBetween(1, 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> dave.client().orders("open", null, 10, null).orders().isEmpty());
        assertThat(dave.client().orders("closed", null, 10, null).orders()).extracting(Order::status).containsOnly("canceled");
        assertThat(dave.client().portfolio().cashHeld()).isEqualTo("0.00");

        // An order that has ended is still the owner's to see: changing it is refused as no longer open, not as unknown.
        var again = problemOf(() -> dave.client().cancelOrder(first.id()));
        assertThat(again.kind()).isEqualTo("order-not-open");
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.problem().detail()).isEqualTo("the order is already canceled");
        assertThat(problemOf(() -> dave.client().replaceOrder(second.id(), new io.bourse.client.model.ReplaceRequest("93.00", null))).kind())
                .isEqualTo("order-not-open");
    }

    @Test
    void marketDataShowsQuotesDepthTradesAndCandles() {
        Trader erin = platform.newTrader("erin", 0, 0, "10000.00");
        Trader frank = platform.newTrader("frank", 0, 1, "10000.00");
        platform.grantShares(frank.accountId(), TestPlatform.BETA, 1_000);
        frank.client().placeOrder(OrderRequest.limit("BETA", "sell", 100, "20.05"));
        frank.client().placeOrder(OrderRequest.limit("BETA", "sell", 50, "20.10"));
        erin.client().placeOrder(OrderRequest.limit("BETA", "buy", 30, "20.05"));

        await().atMost(Duration.ofSeconds(10)).until(() -> erin.client().quote("BETA").last() != null);
        var quote = erin.client().quote("BETA");
        assertThat(quote.last()).isEqualTo("20.05");
        assertThat(quote.ask()).isEqualTo("20.05");
        assertThat(quote.previousClose()).isEqualTo("20.00");
        assertThat(quote.change()).isEqualTo("0.05");
        assertThat(quote.changePercent()).isEqualTo("0.25");
        var book = erin.client().book("BETA", 5);
        assertThat(book.asks()).extracting(l -> l.price() + "x" + l.quantity()).containsExactly("20.05x70", "20.10x50");
        assertThat(erin.client().trades("BETA", 5)).extracting(t -> t.price() + "x" + t.quantity() + " " + t.aggressor())
                .containsExactly("20.05x30 buy");
        assertThat(erin.client().candles("BETA", "1m", 10)).singleElement()
                .satisfies(c -> assertThat(c.close() + " " + c.volume()).isEqualTo("20.05 30"));
        assertThat(erin.client().instruments()).extracting(i -> i.symbol()).contains("ACME", "BETA");
    }

    private static boolean has(List<BourseStream.Message> messages, String type) {
        return messages.stream().anyMatch(m -> m.type().equals(type));
    }
}
