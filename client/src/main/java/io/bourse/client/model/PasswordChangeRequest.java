package io.bourse.client.model;

public record PasswordChangeRequest(String currentPassword, String newPassword) {}
