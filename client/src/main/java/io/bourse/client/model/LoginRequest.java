package io.bourse.client.model;

public record LoginRequest(String username, String password) {}
