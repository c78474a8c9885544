package io.bourse.client.model;

public record SignUpRequest(String username, String password) {}
