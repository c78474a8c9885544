package io.bourse.client.model;

import java.util.List;

/**
 * An RFC 9457 problem document: every error Bourse answers. {@code type} is a stable URI naming
 * the kind of problem; {@code errors} lists the fields that were wrong, when there were any.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public record FieldError(String field, String message) {}
}
