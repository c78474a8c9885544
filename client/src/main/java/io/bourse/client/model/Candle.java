package io.bourse.client.model;

public record Candle(String start, String open, String high, String low, String close, long volume) {}
