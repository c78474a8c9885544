package io.bourse.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.client.BourseStream;
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
