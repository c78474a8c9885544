package io.bourse.client.model;

/** {@code liquidity}: "maker" or "taker". */
public record Fill(String id, String orderId, String symbol, String side, String price, long quantity, String fee,
                   String liquidity, String time) {}
