package io.bourse.client.model;

/**
 * An order as its account sees it. {@code status}: "pending_new" | "new" | "partially_filled" |
 * "filled" | "canceled" | "rejected" | "expired". {@code averagePrice} is null until something fills.
 * {@code endReason} says why a finished order ended.
 */
public record Order(String id, String clientOrderId, String symbol, String side, String type, String timeInForce,
                    String status, long quantity, long filledQuantity, String limitPrice, String stopPrice,
                    String averagePrice, String fees, String createdAt, String updatedAt, String endReason) {}
