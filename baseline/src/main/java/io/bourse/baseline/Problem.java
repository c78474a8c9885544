package io.bourse.baseline;

/** A request the baseline refuses: an HTTP status and a problem type, as Bourse answers them. */
final class Problem extends RuntimeException {
    final int status;
    final String kind;

    Problem(int status, String kind, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.kind = kind;
    }

    io.bourse.client.model.Problem document() {
        return new io.bourse.client.model.Problem("https://bourse.dev/problems/" + kind, kind, status, getMessage(), null);
    }
}
