package io.bourse.client.model;

/**
 * The top of an instrument's market and its trading day. Prices are null when there is none
 * (no bids, no trade yet today). {@code change} is {@code last} against {@code previousClose};
 * while {@code halted}, new orders in the instrument are refused.
 */
public record Quote(String symbol, String last, String bid, String ask, String previousClose, String change,
                    String changePercent, String open, String high, String low, long volume, long sequence,
                    boolean halted) {}
