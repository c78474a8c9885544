package io.bourse.bench.load;

import io.bourse.client.HttpTransport;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientRequest;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The load generator's HTTP client: Helidon's blocking WebClient, one keep-alive connection per
 * busy virtual user ({@link KeptConnections}). Profiled next to the system under load, the JDK's
 * asynchronous client took about a third of the process's CPU, which the system under test then
 * did not get.
 */
final class HelidonTransport implements HttpTransport, AutoCloseable {
    private final WebClient client;
    private final KeptConnections connections;

    HelidonTransport(int connections) {
        client = WebClient.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .keepAlive(true)
                .connectionCacheSize(connections)
                .sendExpectContinue(false) // one round trip per request, as the JDK's client does
                .followRedirects(false)
                .build();
        this.connections = new KeptConnections(client);
    }

    @Override
    public Response exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        HttpClientRequest request = client.method(Method.create(method)).uri(uri);
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        if (!KeptConnections.serves(uri)) {
            return send(request.readTimeout(timeout), body);
        }
        KeptConnections.Kept kept;
        try {
            kept = connections.take(uri, timeout);
        } catch (UncheckedIOException e) {
            throw e.getCause(); // could not connect
        }
        boolean answered = false;
        try {
            // No read timeout (zero: none): the connections' watchdog closes the connection if the answer is overdue.
            Response response = send(request.connection(kept.connection()).readTimeout(Duration.ZERO), body);
            answered = true;
            return response;
        } catch (IOException | RuntimeException e) {
            if (kept.overdue()) {
                SocketTimeoutException overdue = new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
                overdue.initCause(e);
                throw overdue;
            }
            throw e;
        } finally {
            if (answered) {
                connections.giveBack(kept);
            } else {
                connections.discard(kept);
            }
        }
    }

    /** Closes the connections kept idle; the transport can still be used, and opens new ones. */
    @Override
    public void close() {
        connections.closeIdle();
    }

    KeptConnections connections() {
        return connections;
    }

    private static Response send(HttpClientRequest request, byte[] body) throws IOException {
        try (HttpClientResponse response = body == null ? request.request() : request.submit(body)) {
            byte[] content = content(response);
            long retryAfter = HttpTransport.retryAfterSeconds(response.headers().first(HeaderNames.RETRY_AFTER).orElse(null));
            return new Response(response.status().code(), content, retryAfter);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The response's body, read into an array of its declared length. Helidon's
     * {@code as(byte[].class)} reads in 16 KB steps, each into a new buffer: profiled under load,
     * that was two thirds of all the bytes the process allocated, for bodies of a few hundred.
     */
    private static byte[] content(HttpClientResponse response) throws IOException {
        if (!response.entity().hasEntity()) {
            return new byte[0];
        }
        OptionalLong declared = response.headers().contentLength();
        if (declared.isEmpty()) {
            return response.entity().as(byte[].class);
        }
        byte[] content = new byte[Math.toIntExact(declared.getAsLong())];
        try (InputStream in = response.entity().inputStream()) {
            if (in.readNBytes(content, 0, content.length) < content.length) {
                throw new IOException("the response ended before its declared Content-Length");
            }
        }
        return content;
    }
}
