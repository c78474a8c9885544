package io.bourse.client.model;

/**
 * A new order. {@code side}: "buy" | "sell"; {@code type}: "market" | "limit" | "stop" | "stop_limit";
 * {@code timeInForce}: "day" | "gtc" | "ioc" | "fok" (default "day"; market orders "ioc").
 * {@code limitPrice} for limit and stop-limit orders, {@code stopPrice} for stop and stop-limit.
 * {@code clientOrderId} is optional: your own id for the order, unique among your orders.
 */
public record OrderRequest(String symbol, String side, String type, String timeInForce, Long quantity, String limitPrice,
                           String stopPrice, Boolean postOnly, String clientOrderId) {

    public static OrderRequest limit(String symbol, String side, long quantity, String limitPrice) {
        return new OrderRequest(symbol, side, "limit", "day", quantity, limitPrice, null, null, null);
    }

    public static OrderRequest market(String symbol, String side, long quantity) {
        return new OrderRequest(symbol, side, "market", "ioc", quantity, null, null, null, null);
    }

    public OrderRequest withTimeInForce(String newTimeInForce) {
        return new OrderRequest(symbol, side, type, newTimeInForce, quantity, limitPrice, stopPrice, postOnly, clientOrderId);
    }

    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(symbol, side, type, timeInForce, quantity, limitPrice, stopPrice, postOnly, id);
    }
}
