package io.bourse.client.model;

/** How many open orders were asked to cancel; each ends as its market confirms. */
public record CancelAllResult(int requested) {}
