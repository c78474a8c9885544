package io.bourse.client.model;

/** A deposit or withdrawal that was applied. {@code type}: "deposit" or "withdrawal". */
public record Transfer(String id, String type, String amount) {}
