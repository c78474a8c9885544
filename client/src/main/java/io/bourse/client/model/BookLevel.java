package io.bourse.client.model;

public record BookLevel(String price, long quantity, int orders) {}
