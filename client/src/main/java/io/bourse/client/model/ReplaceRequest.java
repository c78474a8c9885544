package io.bourse.client.model;

/** New terms for an open limit order: lowering only the quantity keeps its place in the queue. */
public record ReplaceRequest(String limitPrice, Long quantity) {}
