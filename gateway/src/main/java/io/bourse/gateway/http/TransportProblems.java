package io.bourse.gateway.http;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;

/**
 * Problem documents for the requests the web server refuses before any route sees them: a request
 * line, header or framing it cannot read, headers past its limit, a body past its own limit (set
 * above the API's, for bodies that do not say their length). Left to the server, those answers are
 * a bare status with an empty body, where every other error of the API is an RFC 9457 document a
 * client can act on.
 *
 * <p>The server's own message is not passed on: it can quote the request back, and names the
 * server's internals rather than what the client should change.
 */
public final class TransportProblems implements DirectHandler {
    private final int maxBodyBytes;

    private TransportProblems(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The web server's handlers for every kind of refusal, answering with problem documents. */
    public static DirectHandlers handlers(int maxBodyBytes) {
        TransportProblems problems = new TransportProblems(maxBodyBytes);
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, problems);
        }
        return handlers.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String serverMessage) {
        ApiException problem = problemFor(status.code());
        headers.set(HeaderNames.CONTENT_TYPE, ApiRoutes.PROBLEM_JSON.text());
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(Json.write(problem.problem()))
                .build();
    }

    ApiException problemFor(int status) {
        return switch (status) {
            case 413 -> Call.tooLarge(maxBodyBytes);
            case 431 -> new ApiException(431, "headers-too-large", "The request's headers are too large",
                    "send fewer or shorter headers");
            case 505 -> new ApiException(505, "http-version-not-supported", "HTTP version not supported",
                    "send HTTP/1.1 requests");
            default -> status >= 500
                    ? new ApiException(status, "internal-error", "Something went wrong on our side", "the request could not be completed")
                    : new ApiException(status, "malformed-request", "The request could not be read",
                            "its request line, a header or its framing is not valid HTTP/1.1 (a path's %-escapes, for instance), or its headers are larger than this server reads");
        };
    }
}
