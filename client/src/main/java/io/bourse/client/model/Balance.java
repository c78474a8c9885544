package io.bourse.client.model;

/**
 * One asset an account holds: "USD" (amounts in dollars) or a symbol (amounts in shares).
 * {@code held} is reserved for open orders; {@code available} = {@code total} - {@code held}.
 */
public record Balance(String asset, String total, String held, String available) {}
