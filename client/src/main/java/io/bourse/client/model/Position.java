package io.bourse.client.model;

/** Shares of one instrument, valued at the last trade price (or the reference price before any trade). */
public record Position(String symbol, long quantity, String averageCost, String costBasis, String marketPrice,
                       String marketValue, String unrealizedPnl, String realizedPnl) {}
