package io.bourse.gateway.http;

import io.bourse.client.model.Problem;
import java.util.List;

/**
 * A request that cannot be served, as the client will read it: an HTTP status and an RFC 9457
 * problem document whose {@code type} is a stable URI under {@link #TYPE_BASE}. Thrown anywhere in
 * a handler; {@link ApiRoutes#sendProblem} turns it into the response. Nothing has changed when one is thrown
 * before the command is submitted, and the engine rejects atomically after.
 */
public final class ApiException extends RuntimeException {
    public static final String TYPE_BASE = "https://bourse.dev/problems/";

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final long retryAfterSeconds;

    public ApiException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), 0);
    }

    private ApiException(int status, String slug, String title, String detail, List<Problem.FieldError> errors, long retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid-request", "The request is not valid", field + ": " + message,
                List.of(new Problem.FieldError(field, message)), 0);
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are not valid";
        return new ApiException(400, "invalid-request", "The request is not valid", detail, List.copyOf(errors), 0);
    }

    /** A business rule the request broke: its own type, and the field to blame when there is one. */
    public static ApiException invalidRule(int status, String slug, String title, String field, String message) {
        if (field == null) {
            return new ApiException(status, slug, title, message);
        }
        return new ApiException(status, slug, title, field + ": " + message, List.of(new Problem.FieldError(field, message)), 0);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not found", what + " was not found");
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", "Authentication is required", detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Not allowed", detail);
    }

    public static ApiException rateLimited(long retryAfterSeconds) {
        return new ApiException(429, "rate-limited", "Too many requests", "slow down and retry after "
                + retryAfterSeconds + " s", List.of(), retryAfterSeconds);
    }

    public static ApiException unavailable(String detail, long retryAfterSeconds) {
        return new ApiException(503, "unavailable", "Try again shortly", detail, List.of(), retryAfterSeconds);
    }

    public int status() {
        return status;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Problem problem() {
        return new Problem(TYPE_BASE + slug, title, status, getMessage(), errors.isEmpty() ? null : errors);
    }
}
