package io.bourse.gateway.stream;

import io.bourse.client.model.BookLevel;
import io.bourse.client.model.OrderBook;
import io.bourse.client.model.StreamMessage;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.Side;
import io.bourse.core.shard.CandleInterval;
import io.bourse.core.shard.CandleView;
import io.bourse.core.shard.MarketStatsView;
import io.bourse.core.shard.ShardEvent;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.query.BookView;
import io.bourse.gateway.api.Money;
import io.bourse.gateway.api.Views;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One instrument's market as a gateway mirrors it for its subscribers: the book, the day's
 * figures and the current candles, loaded from the engine and kept current by the market shard's
 * events in sequence order. A gap in the sequence reloads it and sends everyone fresh snapshots.
 * A cache: it can always be rebuilt, and exists only while someone subscribes.
 */
final class MarketMirror {
    static final int BOOK_DEPTH = 1_000;
    private static final int SNAPSHOT_LEVELS = 50;

    enum Channel { BOOK, TRADES, TICKER, CANDLES }

    private final Instrument instrument;
    private final EngineClient engine;
    private final TreeMap<Long, long[]> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, long[]> asks = new TreeMap<>();
    private final Set<StreamSession> bookSubscribers = new LinkedHashSet<>();
    private final Set<StreamSession> tradeSubscribers = new LinkedHashSet<>();
    private final Set<StreamSession> tickerSubscribers = new LinkedHashSet<>();
    private final Map<CandleInterval, Set<StreamSession>> candleSubscribers = new EnumMap<>(CandleInterval.class);
    private final Map<CandleInterval, CandleView> currentCandles = new EnumMap<>(CandleInterval.class);
    private volatile boolean subscribed;
    private boolean loaded;
    private long sequence;
    private long last;
    private long previousClose;
    private long open;
    private long high;
    private long low;
    private long volume;
    private long tradeCount;
    private boolean halted;

    MarketMirror(Instrument instrument, EngineClient engine) {
        this.instrument = instrument;
        this.engine = engine;
    }

    Instrument instrument() {
        return instrument;
    }

    synchronized void subscribe(StreamSession session, Channel channel, CandleInterval interval) {
        if (!loaded) {
            load();
        }
        switch (channel) {
            case BOOK -> {
                bookSubscribers.add(session);
                session.send(bookSnapshot());
            }
            case TRADES -> tradeSubscribers.add(session);
            case TICKER -> {
                tickerSubscribers.add(session);
                session.send(ticker());
            }
            case CANDLES -> {
                List<CandleView> candles = engine.candles(instrument.id(), interval, false);
                candleSubscribers.computeIfAbsent(interval, i -> new LinkedHashSet<>()).add(session);
                if (!candles.isEmpty()) {
                    CandleView latest = candles.get(candles.size() - 1);
                    CandleView known = currentCandles.get(interval);
                    if (known == null || known.startMillis() <= latest.startMillis()) {
                        currentCandles.put(interval, latest);
                    }
                }
                session.send(new StreamMessage.CandlesSnapshot("candles", instrument.symbol(), interval.label(),
                        candles.stream().map(c -> Views.candle(c, instrument)).toList()));
            }
        }
        subscribed = true;
    }

    /** Removes the session from one channel (or every channel when {@code channel} is null). */
    synchronized void unsubscribe(StreamSession session, Channel channel, CandleInterval interval) {
        if (channel == null || channel == Channel.BOOK) {
            bookSubscribers.remove(session);
        }
        if (channel == null || channel == Channel.TRADES) {
            tradeSubscribers.remove(session);
        }
        if (channel == null || channel == Channel.TICKER) {
            tickerSubscribers.remove(session);
        }
        for (Map.Entry<CandleInterval, Set<StreamSession>> entry : candleSubscribers.entrySet()) {
            if (channel == null || channel == Channel.CANDLES && entry.getKey() == interval) {
                entry.getValue().remove(session);
            }
        }
        candleSubscribers.values().removeIf(Set::isEmpty);
        subscribed = !(bookSubscribers.isEmpty() && tradeSubscribers.isEmpty() && tickerSubscribers.isEmpty() && candleSubscribers.isEmpty());
    }

    /**
     * Whether anyone subscribes. Read without the mirror's lock: {@link ShardFeeds} asks while
     * holding its own, and a session closed from inside {@link #onEvent} (a slow reader) takes
     * them in the other order.
     */
    boolean hasSubscribers() {
        return subscribed;
    }

    /** Applies one market event from the feed, in order; reloads on a gap. */
    synchronized void onEvent(ShardEvent event) {
        if (!loaded) {
            return;
        }
        long eventSequence = switch (event) {
            case ShardEvent.TradePrinted t -> t.sequence();
            case ShardEvent.BookLevelChanged c -> c.sequence();
            default -> throw new IllegalArgumentException("not a market event: " + event);
        };
        if (eventSequence <= sequence) {
            return; // already in the snapshot
        }
        if (eventSequence != sequence + 1) {
            reload();
            return;
        }
        sequence = eventSequence;
        switch (event) {
            case ShardEvent.TradePrinted t -> onTrade(t);
            case ShardEvent.BookLevelChanged c -> onLevel(c);
            default -> { }
        }
    }

    private void onTrade(ShardEvent.TradePrinted t) {
        last = t.priceTicks();
        if (tradeCount == 0) {
            open = high = low = t.priceTicks();
        } else {
            high = Math.max(high, t.priceTicks());
            low = Math.min(low, t.priceTicks());
        }
        volume += t.lots();
        tradeCount++;
        if (!tradeSubscribers.isEmpty()) {
            StreamMessage.TradePrint print = new StreamMessage.TradePrint("trade", t.sequence(), Views.trade(
                    new io.bourse.core.shard.TradeView(t.tradeId(), t.priceTicks(), t.lots(), t.aggressorSide(), t.logTimeMillis()),
                    instrument));
            StreamSession.broadcast(tradeSubscribers, print);
        }
        for (Map.Entry<CandleInterval, Set<StreamSession>> entry : candleSubscribers.entrySet()) {
            CandleInterval interval = entry.getKey();
            long start = interval.startOf(t.logTimeMillis());
            CandleView current = currentCandles.get(interval);
            CandleView updated = current != null && current.startMillis() == start
                    ? new CandleView(start, current.openTicks(), Math.max(current.highTicks(), t.priceTicks()),
                            Math.min(current.lowTicks(), t.priceTicks()), t.priceTicks(), current.volumeLots() + t.lots())
                    : new CandleView(start, t.priceTicks(), t.priceTicks(), t.priceTicks(), t.priceTicks(), t.lots());
            currentCandles.put(interval, updated);
            StreamMessage.CandleUpdate message = new StreamMessage.CandleUpdate("candle", instrument.symbol(), interval.label(),
                    Views.candle(updated, instrument));
            StreamSession.broadcast(entry.getValue(), message);
        }
        sendTicker();
    }

    private void onLevel(ShardEvent.BookLevelChanged c) {
        TreeMap<Long, long[]> side = c.side() == Side.BUY ? bids : asks;
        long bestBefore = bestOf(side);
        if (c.lots() == 0) {
            side.remove(c.priceTicks());
        } else {
            side.put(c.priceTicks(), new long[] {c.lots(), c.orders()});
        }
        if (!bookSubscribers.isEmpty()) {
            StreamMessage.BookDelta delta = new StreamMessage.BookDelta("book", instrument.symbol(), c.sequence(),
                    Views.name(c.side()), Money.price(instrument, c.priceTicks()), instrument.shares(c.lots()), c.orders());
            StreamSession.broadcast(bookSubscribers, delta);
        }
        if (bestOf(side) != bestBefore) {
            sendTicker();
        }
    }

    private static long bestOf(TreeMap<Long, long[]> side) {
        return side.isEmpty() ? 0 : side.firstKey();
    }

    private void sendTicker() {
        if (!tickerSubscribers.isEmpty()) {
            StreamMessage.Ticker ticker = ticker();
            StreamSession.broadcast(tickerSubscribers, ticker);
        }
    }

    /** The stream lost events (a feed reset or a gap): load again and send every subscriber a fresh snapshot. */
    synchronized void reload() {
        if (!loaded) {
            return;
        }
        load();
        StreamMessage.BookSnapshot book = bookSnapshot();
        StreamSession.broadcast(bookSubscribers, book);
        StreamMessage.Ticker ticker = ticker();
        StreamSession.broadcast(tickerSubscribers, ticker);
        StreamMessage.Resync resync = new StreamMessage.Resync("resync", "trades", instrument.symbol());
        StreamSession.broadcast(tradeSubscribers, resync);
        for (Map.Entry<CandleInterval, Set<StreamSession>> entry : candleSubscribers.entrySet()) {
            List<CandleView> candles = engine.candles(instrument.id(), entry.getKey(), false);
            currentCandles.put(entry.getKey(), candles.isEmpty() ? null : candles.get(candles.size() - 1));
            StreamMessage.CandlesSnapshot snapshot = new StreamMessage.CandlesSnapshot("candles", instrument.symbol(),
                    entry.getKey().label(), candles.stream().map(c -> Views.candle(c, instrument)).toList());
            StreamSession.broadcast(entry.getValue(), snapshot);
        }
    }

    /** Reads the book and the day's figures from the market shard's leader (linearizable: never behind the feed). */
    private void load() {
        BookView book = engine.book(instrument.id(), BOOK_DEPTH, false);
        MarketStatsView stats = engine.quote(instrument.id(), false);
        bids.clear();
        asks.clear();
        book.bids().forEach(l -> bids.put(l.priceTicks(), new long[] {l.lots(), l.orders()}));
        book.asks().forEach(l -> asks.put(l.priceTicks(), new long[] {l.lots(), l.orders()}));
        // The two reads were moments apart; the book's sequence is where the events continue.
        sequence = book.sequence();
        last = stats.lastTicks();
        previousClose = stats.previousCloseTicks();
        open = stats.openTicks();
        high = stats.highTicks();
        low = stats.lowTicks();
        volume = stats.volumeLots();
        tradeCount = stats.tradeCount();
        halted = stats.halted();
        loaded = true;
    }

    private StreamMessage.BookSnapshot bookSnapshot() {
        return new StreamMessage.BookSnapshot("book_snapshot", new OrderBook(instrument.symbol(), sequence,
                levels(bids), levels(asks)));
    }

    private List<BookLevel> levels(TreeMap<Long, long[]> side) {
        List<BookLevel> levels = new ArrayList<>();
        for (Map.Entry<Long, long[]> level : side.entrySet()) {
            if (levels.size() == SNAPSHOT_LEVELS) {
                break;
            }
            levels.add(new BookLevel(Money.price(instrument, level.getKey()), instrument.shares(level.getValue()[0]),
                    (int) level.getValue()[1]));
        }
        return levels;
    }

    private StreamMessage.Ticker ticker() {
        MarketStatsView stats = new MarketStatsView(instrument.id(), last, previousClose, open, high, low, volume, tradeCount,
                bestOf(bids), bestOf(asks), sequence, halted);
        return new StreamMessage.Ticker("ticker", Views.quote(stats, instrument));
    }
}
