package io.bourse.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How a {@link BourseClient} sends one request and reads its answer. The default is the JDK's
 * {@link java.net.http.HttpClient}; a caller with another HTTP client at hand (a load generator
 * that needs a lighter one, an application with its own pool) plugs it in here.
 */
public interface HttpTransport {
    /** One answer: its status, its body (empty when none) and its Retry-After in seconds (0 when absent). */
    record Response(int status, byte[] body, long retryAfterSeconds) {}

    Response exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException;

    /**
     * The same exchange, answered later: the future completes with the answer, or fails with what
     * {@link #exchange} would have thrown. This default runs {@link #exchange} on a virtual thread of
     * its own; a transport built on an event loop (a load generator's, where a thread per request
     * costs more than the request) answers without one.
     */
    default CompletableFuture<Response> exchangeAsync(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        CompletableFuture<Response> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("bourse-client-exchange").start(() -> {
            try {
                answer.complete(exchange(method, uri, headers, body, timeout));
            } catch (Exception | Error e) {
                answer.completeExceptionally(e);
            }
        });
        return answer;
    }

    /**
     * A Retry-After header in seconds; 0 when absent or not a number of seconds (the header may also
     * be an HTTP date, which a client here treats as "no advice" rather than as a failed request).
     */
    static long retryAfterSeconds(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            return 0;
        }
    }
}
