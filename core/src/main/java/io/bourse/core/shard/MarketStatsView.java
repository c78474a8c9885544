package io.bourse.core.shard;

/**
 * An instrument's quote and trading day so far. Prices in ticks (0 when there is none), volume in lots.
 *
 * @param previousCloseTicks the last price of the previous trading day, or the reference price before the first day ends
 * @param sequence the instrument's market-data sequence: trades and depth changes up to here are included
 * @param halted whether trading is halted
 */
public record MarketStatsView(int instrumentId, long lastTicks, long previousCloseTicks, long openTicks, long highTicks,
                              long lowTicks, long volumeLots, long tradeCount, long bestBidTicks, long bestAskTicks,
                              long sequence, boolean halted) {}
