package io.bourse.client.model;

public record User(String accountId, String username, String createdAt) {}
