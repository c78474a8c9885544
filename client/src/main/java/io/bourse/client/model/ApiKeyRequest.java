package io.bourse.client.model;

import java.util.List;

/** {@code scopes}: any of "read" and "trade". */
public record ApiKeyRequest(String label, List<String> scopes) {}
