package io.bourse.client.model;

import java.util.List;

/**
 * What the WebSocket stream at {@code /v1/stream} sends. Every message is a JSON object whose
 * {@code type} names its shape below.
 *
 * <p>Clients send {@code {"op":"subscribe","channel":"book","symbol":"ACME"}} (channels: "book",
 * "trades", "ticker", "candles" with an "interval", and, after {@code {"op":"auth","token":"..."}},
 * "orders"), and {@code "unsubscribe"} likewise. Market messages carry the instrument's
 * market-data {@code sequence}: each is one more than the last on that symbol's book and trades
 * channels together; a client that sees a gap subscribes again and gets a fresh snapshot.
 */
public final class StreamMessage {
    private StreamMessage() {}

    /** Replies to the client's own requests: "subscribed", "unsubscribed", "authenticated", "error". */
    public record Info(String type, String channel, String symbol, String message) {}

    /** The book as of {@code book.sequence}; deltas with higher sequences follow. */
    public record BookSnapshot(String type, OrderBook book) {}

    /** One level's new size; quantity 0 means the level is gone. {@code side}: "buy" (bids) or "sell" (asks). */
    public record BookDelta(String type, String symbol, long sequence, String side, String price, long quantity, int orders) {}

    public record TradePrint(String type, long sequence, Trade trade) {}

    public record Ticker(String type, Quote quote) {}

    public record CandlesSnapshot(String type, String symbol, String interval, List<Candle> candles) {}

    public record CandleUpdate(String type, String symbol, String interval, Candle candle) {}

    /** One of the user's orders changed. */
    public record OrderUpdate(String type, String id, String clientOrderId, String symbol, String side, String status,
                              String limitPrice, long quantity, long filledQuantity, String endReason, String time) {}

    public record FillReport(String type, Fill fill) {}

    /** The user's balances after a change. */
    public record Balances(String type, List<Balance> balances) {}

    /** The server lost track of part of the stream (a failover, say): re-read what you show and carry on. */
    public record Resync(String type, String channel, String symbol) {}
}
