package io.bourse.engine.query;

import java.util.List;

/** The top of a book: levels best first, and the last trade price (0 before the first trade). */
public record BookView(int instrumentId, long lastTradeTicks, List<Level> bids, List<Level> asks) {
    public record Level(long priceTicks, long lots, int orders) {}
}
