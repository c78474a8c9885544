package io.bourse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.client.BourseClient;
import io.bourse.client.BourseStream;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.StreamMessage;
import io.bourse.gateway.TestPlatform.Trader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The public stream: a book snapshot then gap-free deltas, trades, tickers, candles; slow readers are cut off (see StreamSessionTest). */
@Timeout(120)
class StreamTest {
    private final TestPlatform platform = TestPlatform.get();

    @Test
    void aSubscriberGetsASnapshotThenEveryChangeInSequence() {
        Trader maker = platform.newTrader("maker", 0, 0, "100000.00");
        Trader taker = platform.newTrader("taker", 0, 1, "100000.00");
        platform.grantShares(maker.accountId(), TestPlatform.ACME, 1_000);
        List<BourseStream.Message> heard = new CopyOnWriteArrayList<>();
        try (BourseStream stream = platform.client(1).stream(heard::add)) {
            stream.subscribe("book", "ACME");
            stream.subscribe("trades", "ACME");
            stream.subscribe("ticker", "ACME");
            stream.subscribe("candles", "ACME", "1m");
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(m -> m.type().equals("book_snapshot")));

            maker.client().placeOrder(OrderRequest.limit("ACME", "sell", 7, "104.00"));
            maker.client().placeOrder(OrderRequest.limit("ACME", "sell", 5, "104.50"));
            taker.client().placeOrder(OrderRequest.limit("ACME", "buy", 9, "104.50"));

            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().filter(m -> m.type().equals("trade")).count() >= 2);
            long snapshotSequence = heard.stream().filter(m -> m.type().equals("book_snapshot")).findFirst().orElseThrow()
                    .as(StreamMessage.BookSnapshot.class).book().sequence();
            List<Long> sequences = heard.stream().filter(m -> m.type().equals("book") || m.type().equals("trade"))
                    .map(m -> m.json().get("sequence").asLong()).toList();
            // Every market event of ACME after the snapshot, in order, none missing.
            for (int i = 0; i < sequences.size(); i++) {
                assertThat(sequences.get(i)).isEqualTo(snapshotSequence + i + 1);
            }
            List<StreamMessage.TradePrint> trades = heard.stream().filter(m -> m.type().equals("trade"))
                    .map(m -> m.as(StreamMessage.TradePrint.class)).toList();
            assertThat(trades).extracting(t -> t.trade().price() + "x" + t.trade().quantity()).containsExactly("104.00x7", "104.50x2");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                StreamMessage.Ticker ticker = heard.stream().filter(m -> m.type().equals("ticker"))
                        .map(m -> m.as(StreamMessage.Ticker.class)).reduce((a, b) -> b).orElseThrow();
                assertThat(ticker.quote().last()).isEqualTo("104.50");
                assertThat(ticker.quote().ask()).isEqualTo("104.50");
                StreamMessage.CandleUpdate candle = heard.stream().filter(m -> m.type().equals("candle"))
                        .map(m -> m.as(StreamMessage.CandleUpdate.class)).reduce((a, b) -> b).orElseThrow();
                assertThat(candle.candle().close()).isEqualTo("104.50");
            });
            StreamMessage.BookDelta lastAsk = heard.stream().filter(m -> m.type().equals("book"))
                    .map(m -> m.as(StreamMessage.BookDelta.class)).filter(d -> d.price().equals("104.50")).reduce((a, b) -> b).orElseThrow();
            assertThat(lastAsk.quantity()).isEqualTo(3);
        }
    }

    /**
     * A gateway follows a shard's event feed only while a session needs it (so that a feed nobody
     * watches can go dormant on the engine): none before the first subscription, the account's
     * shard for "orders", the market shard for a market channel, none again once the session ends.
     */
    @Test
    void aGatewayFollowsOnlyTheFeedsItsSessionsNeed() {
        int acmeShard = platform.engine().directory().instrument("ACME").orElseThrow().marketShard();
        Trader carol = platform.newTrader("carol", acmeShard % 4 + 1, 0, "1000.00");
        await().atMost(Duration.ofSeconds(10)).until(() -> followedShards(0) == 0); // other tests' sessions have ended
        List<BourseStream.Message> heard = new CopyOnWriteArrayList<>();
        try (BourseStream stream = carol.client().stream(heard::add)) {
            stream.subscribeOrders();
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(m -> m.type().equals("balances")));
            assertThat(followedShards(0)).as("carol's account shard").isEqualTo(1);

            stream.subscribe("ticker", "ACME");
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().anyMatch(m -> m.type().equals("ticker")));
            assertThat(followedShards(0)).as("and ACME's market shard").isEqualTo(2);

            // Immediate-or-cancel, so it rests in no other test's book: filled or expired, carol hears of it.
            Order bid = carol.client().placeOrder(OrderRequest.limit("ACME", "buy", 1, "95.00").withTimeInForce("ioc"));
            await().atMost(Duration.ofSeconds(10)).until(() -> heard.stream().filter(m -> m.type().equals("order"))
                    .map(m -> m.as(StreamMessage.OrderUpdate.class)).anyMatch(u -> u.id().equals(bid.id())));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> followedShards(0) == 0);
    }

    /** What gateway {@code gateway}'s metrics say of the shards it follows. */
    private int followedShards(int gateway) {
        String metrics = new String(RawHttp.send(platform.uri(gateway), "GET", "/metrics", null, null).response().body());
        return metrics.lines().filter(line -> line.startsWith("bourse_stream_followed_shards"))
                .mapToInt(line -> (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElseThrow();
    }

    @Test
    void aStreamWhoseSessionEndsIsClosed() {
        Trader nina = platform.newTrader("nina", 0, 0, "100.00");
        BourseClient session = platform.client(1);
        session.logIn(nina.username(), "password-" + nina.username());
        List<BourseStream.Message> heard = new CopyOnWriteArrayList<>();
        try (BourseStream stream = session.stream(heard::add)) { // authenticated with the session's token
            stream.subscribeOrders();
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.stream().anyMatch(m -> m.type().equals("balances")));

            session.logOut();

            // Checked every 5 s: the stream no longer carries the account's orders, fills and balances.
            assertThat(stream.awaitClose(15_000)).isEqualTo(1008);
        }
    }

    @Test
    void badRequestsOnTheStreamGetErrorsAndPrivateChannelsNeedAuth() {
        List<BourseStream.Message> heard = new CopyOnWriteArrayList<>();
        try (BourseStream stream = platform.client(0).stream(heard::add)) {
            stream.subscribe("book", "NOPE");
            stream.subscribe("weather", "ACME");
            stream.subscribeOrders();
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.stream().filter(m -> m.type().equals("error")).count() == 3);
        }
    }
}
