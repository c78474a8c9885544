package io.bourse.client.model;

/** A login session: send {@code token} as {@code Authorization: Bearer <token>}. */
public record Session(String token, String accountId, String username, String expiresAt) {}
