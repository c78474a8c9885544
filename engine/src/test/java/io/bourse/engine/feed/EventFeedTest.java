package io.bourse.engine.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.core.order.Side;
import io.bourse.core.shard.ShardEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EventFeedTest {
    private static ShardEvent trade(long n) {
        return new ShardEvent.TradePrinted(1, n, 10_000 + n, 1 + n % 7, n % 2 == 0 ? Side.BUY : Side.SELL, n, 1_000 + n);
    }

    /** What a gateway gets: the feed's answer as it travels, decoded. */
    private static FeedBatch read(EventFeed feed, long epoch, long after, int max) throws InterruptedException {
        return read(feed, epoch, after, max, 0);
    }

    private static FeedBatch read(EventFeed feed, long epoch, long after, int max, int waitMillis) throws InterruptedException {
        return EventCodec.decode(feed.read(epoch, after, max, waitMillis));
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
        long countEpoch = read(byCount, 0, 0, 1).epoch();
        long bytesEpoch = read(byBytes, 0, 0, 1).epoch();
        for (long n = 1; n <= 40; n++) {
            byCount.accept(trade(n));
            byBytes.accept(trade(n));
        }
        for (EventFeed feed : List.of(byCount, byBytes)) {
            long epoch = feed == byCount ? countEpoch : bytesEpoch;
            assertThat(read(feed, epoch, 1, 10).reset()).isTrue();
            FeedBatch recent = read(feed, epoch, 39, 10);
            assertThat(recent.reset()).isFalse();
            assertThat(recent.events()).containsExactly(trade(40));
        }
    }

    private static final Duration DORMANT_AFTER = Duration.ofSeconds(60);

    /** Asks as the apply thread does, once per event it might build; returns the last answer. */
    private static boolean wantedAfter(EventFeed feed, int events) {
        boolean wanted = true;
        for (int i = 0; i < events; i++) {
            wanted = feed.wanted();
        }
        return wanted;
    }

    @Test
    void aFeedNobodyReadsIsDormantKeepsNothingAndWakesInANewEpochOnTheNextRead() throws InterruptedException {
        AtomicLong clock = new AtomicLong();
        EventFeed feed = new EventFeed(64, 10_000, DORMANT_AFTER, clock::get);
        assertThat(feed.wanted()).as("unread since it began").isFalse();
        long epoch = read(feed, 0, 0, 10).epoch();
        feed.accept(trade(1));
        assertThat(wantedAfter(feed, 1_000)).isTrue();

        clock.addAndGet(DORMANT_AFTER.toNanos() + 1);
        assertThat(wantedAfter(feed, 1_000)).isFalse();
        feed.accept(trade(2)); // a sink with another listener may still hand it events: not kept

        FeedBatch woken = read(feed, epoch, 1, 10);
        assertThat(woken.reset()).as("events were missed while asleep").isTrue();
        assertThat(woken.epoch()).isNotEqualTo(epoch);
        assertThat(feed.wanted()).isTrue();
        feed.accept(trade(3));
        FeedBatch next = read(feed, woken.epoch(), woken.lastSequence(), 10);
        assertThat(next.reset()).isFalse();
        assertThat(next.events()).containsExactly(trade(3));
    }

    @Test
    void aReaderThatKeepsFollowingNeverFindsTheFeedAsleep() throws InterruptedException {
        AtomicLong clock = new AtomicLong();
        EventFeed feed = new EventFeed(64, 10_000, DORMANT_AFTER, clock::get);
        FeedBatch batch = read(feed, 0, 0, 10);
        for (long n = 1; n <= 50; n++) {
            clock.addAndGet(DORMANT_AFTER.toNanos() / 2);
            assertThat(wantedAfter(feed, 300)).isTrue();
            feed.accept(trade(n));
            batch = read(feed, batch.epoch(), batch.lastSequence(), 10);
            assertThat(batch.reset()).isFalse();
            assertThat(batch.events()).containsExactly(trade(n));
        }
    }

    @Test
    void aReaderWaitingLongerThanTheDormancyKeepsTheFeedAwake() throws Exception {
        AtomicLong clock = new AtomicLong();
        EventFeed feed = new EventFeed(64, 10_000, DORMANT_AFTER, clock::get);
        FeedBatch first = read(feed, 0, 0, 10);
        CompletableFuture<FeedBatch> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return read(feed, first.epoch(), first.lastSequence(), 10, 20_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.readersWaiting() == 1); // parked in its long poll
        clock.addAndGet(DORMANT_AFTER.toNanos() * 2);
        assertThat(wantedAfter(feed, 1_000)).isTrue();
        feed.accept(trade(7));
        FeedBatch got = waiting.get(10, TimeUnit.SECONDS);
        assertThat(got.reset()).isFalse();
        assertThat(got.events()).containsExactly(trade(7));
    }

    @Test
    void aLongPollThatOutlastsTheDormancyAndEndsEmptyLeavesTheFeedAwake() throws Exception {
        AtomicLong clock = new AtomicLong();
        EventFeed feed = new EventFeed(64, 10_000, DORMANT_AFTER, clock::get);
        FeedBatch first = read(feed, 0, 0, 10);
        CompletableFuture<FeedBatch> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return read(feed, first.epoch(), first.lastSequence(), 10, 1_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> feed.readersWaiting() == 1);
        clock.addAndGet(DORMANT_AFTER.toNanos() * 2); // the poll began longer ago than the dormancy
        FeedBatch empty = waiting.get(10, TimeUnit.SECONDS);
        assertThat(empty.events()).isEmpty();

        assertThat(wantedAfter(feed, 1_000)).as("its reader was there until just now").isTrue();
        feed.accept(trade(1));
        FeedBatch next = read(feed, empty.epoch(), empty.lastSequence(), 10);
        assertThat(next.reset()).isFalse();
        assertThat(next.events()).containsExactly(trade(1));
    }
}
