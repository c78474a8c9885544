package io.bourse.client.model;

/** A cash amount in dollars, as a decimal string with at most two decimals: "250.00". */
public record AmountRequest(String amount) {}
