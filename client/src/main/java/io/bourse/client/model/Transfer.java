package io.bourse.client.model;

/**
 * A deposit or withdrawal that was applied. {@code type}: "deposit" or "withdrawal". Cash has
 * {@code amount} in dollars; shares (moved in by the operator, such as a market maker's inventory)
 * have {@code symbol} and {@code quantity} instead. {@code time}: when the account's shard applied it.
 */
public record Transfer(String id, String type, String amount, String symbol, Long quantity, String time) {}
