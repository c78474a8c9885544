package io.bourse.client.model;

/** {@code aggressor}: the side that took liquidity, "buy" or "sell". */
public record Trade(String id, String symbol, String price, long quantity, String aggressor, String time) {}
