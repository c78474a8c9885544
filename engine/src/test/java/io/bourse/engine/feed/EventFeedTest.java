package io.bourse.engine.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.Side;
import io.bourse.core.shard.ShardEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFeedTest {
    private static ShardEvent trade(long n) {
        return new ShardEvent.TradePrinted(1, n, 10_000 + n, 1 + n % 7, n % 2 == 0 ? Side.BUY : Side.SELL, n, 1_000 + n);
    }

    /** What a gateway gets: the feed's answer as it travels, decoded. */
    private static FeedBatch read(EventFeed feed, long epoch, long after, int max) throws InterruptedException {
        return EventCodec.decode(feed.read(epoch, after, max, 0));
    }

    @Test
    void aReaderGetsEveryEventInOrderAcrossManyWrapsOfTheRing() throws InterruptedException {
        // 45-byte trades in 1,000 bytes: the byte ring wraps (and skips tails) every 22 events.
        EventFeed feed = new EventFeed(64, 1_000);
        FeedBatch first = read(feed, 0, 0, 10);
        assertThat(first.reset()).isTrue();
        long epoch = first.epoch();
        long after = first.lastSequence();
        List<ShardEvent> seen = new ArrayList<>();
        List<ShardEvent> sent = new ArrayList<>();
        for (long n = 1; n <= 500; n++) {
            sent.add(trade(n));
            feed.accept(trade(n));
            if (n % 5 == 0) {
                FeedBatch batch = read(feed, epoch, after, 100);
                assertThat(batch.reset()).isFalse();
                seen.addAll(batch.events());
                after = batch.lastSequence();
            }
        }
        assertThat(seen).containsExactlyElementsOf(sent);
    }

    @Test
    void aReaderWhoseEventsWereOverwrittenIsToldToResynchronize() throws InterruptedException {
        EventFeed byCount = new EventFeed(16, 1 << 20);
        EventFeed byBytes = new EventFeed(1_024, 1_000);
        for (long n = 1; n <= 40; n++) {
            byCount.accept(trade(n));
            byBytes.accept(trade(n));
        }
        for (EventFeed feed : List.of(byCount, byBytes)) {
            long epoch = read(feed, 0, 0, 1).epoch();
            assertThat(read(feed, epoch, 1, 10).reset()).isTrue();
            FeedBatch recent = read(feed, epoch, 39, 10);
            assertThat(recent.reset()).isFalse();
            assertThat(recent.events()).containsExactly(trade(40));
        }
    }
}
