package io.bourse.engine.query;

import java.util.List;

/**
 * The top of a book: levels best first, the last trade price (0 before the first trade), and the
 * instrument's market-data sequence the book is as of: depth events after it apply on top.
 */
public record BookView(int instrumentId, long lastTradeTicks, long sequence, List<Level> bids, List<Level> asks) {
    public record Level(long priceTicks, long lots, int orders) {}
}
