package io.bourse.client.model;

import java.util.List;

/** An API key; {@code key} (the secret to send as a bearer token) is only ever shown when it is created. */
public record ApiKey(String id, String label, List<String> scopes, String createdAt, String expiresAt, String key) {}
