package io.bourse.client;

import io.bourse.client.model.Problem;

/** The API answered with an error; {@link #problem()} is its RFC 9457 problem document. */
public final class BourseApiException extends RuntimeException {
    private final Problem problem;
    private final long retryAfterSeconds;

    public BourseApiException(Problem problem, long retryAfterSeconds) {
        super(problem.status() + " " + problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()));
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public int status() {
        return problem.status();
    }

    /** The last part of the problem's type URI, e.g. "insufficient-buying-power". */
    public String kind() {
        String type = problem.type() == null ? "" : problem.type();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** From the Retry-After header; 0 when there was none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
