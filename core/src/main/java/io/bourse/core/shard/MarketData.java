package io.bourse.core.shard;

import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The trading history of one instrument that its market shard keeps: the day's open, high, low
 * and volume, the last close, recent trades and candles of every interval (each bounded; the
 * oldest are forgotten). Replicated state, so any replica serves it and a restart keeps it.
 */
final class MarketData {
    static final int RECENT_TRADES = 100;
    static final int CANDLES_PER_INTERVAL = 500;

    long previousCloseTicks;
    long openTicks;
    long highTicks;
    long lowTicks;
    long volumeLots;
    long tradeCount;
    final ArrayDeque<TradeView> recentTrades = new ArrayDeque<>();
    final Map<CandleInterval, ArrayDeque<CandleView>> candles = new EnumMap<>(CandleInterval.class);

    MarketData() {
        for (CandleInterval interval : CandleInterval.values()) {
            candles.put(interval, new ArrayDeque<>());
        }
    }

    void onTrade(TradeView trade) {
        long price = trade.priceTicks();
        if (tradeCount == 0) {
            openTicks = price;
            highTicks = price;
            lowTicks = price;
        } else {
            highTicks = Math.max(highTicks, price);
            lowTicks = Math.min(lowTicks, price);
        }
        volumeLots += trade.lots();
        tradeCount++;
        bounded(recentTrades, trade, RECENT_TRADES);
        for (CandleInterval interval : CandleInterval.values()) {
            ArrayDeque<CandleView> series = candles.get(interval);
            long start = interval.startOf(trade.atMillis());
            CandleView last = series.peekLast();
            if (last != null && last.startMillis() == start) {
                series.pollLast();
                series.addLast(last.with(price, trade.lots()));
            } else {
                bounded(series, CandleView.first(start, price, trade.lots()), CANDLES_PER_INTERVAL);
            }
        }
    }

    /** The trading day ended: its last price becomes the previous close; the day's figures start again. */
    void endDay(long lastTradeTicks) {
        if (lastTradeTicks != 0) {
            previousCloseTicks = lastTradeTicks;
        }
        openTicks = 0;
        highTicks = 0;
        lowTicks = 0;
        volumeLots = 0;
        tradeCount = 0;
    }

    List<CandleView> candles(CandleInterval interval) {
        return List.copyOf(candles.get(interval));
    }

    private static <T> void bounded(ArrayDeque<T> list, T item, int bound) {
        if (list.size() == bound) {
            list.pollFirst();
        }
        list.addLast(item);
    }
}
