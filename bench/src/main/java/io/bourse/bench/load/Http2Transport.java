package io.bourse.bench.load;

import io.bourse.client.HttpTransport;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientRequest;
import io.helidon.webclient.http2.Http2ClientResponse;
import io.helidon.webclient.http2.StreamTimeoutException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The load generator's HTTP/2 client ({@code bench --http 2}): Helidon's, speaking HTTP/2 from the
 * first byte to plain-HTTP servers (h2c by prior knowledge: no upgrade round trip, which Helidon's
 * server grants only to requests without a body) and by ALPN over TLS. Every virtual user's
 * requests to one server share a connection as concurrent streams.
 *
 * <p>Why a load generator would: one connection carrying many requests turns the per-request reads,
 * wake-ups and poller registrations of HTTP/1.1 (one request at a time per connection) into a few
 * per batch of frames, on both sides. That is where a single-gateway order spends about half its
 * CPU on these machines (see docs/benchmarks.md, the gateway section).
 */
final class Http2Transport implements HttpTransport {
    private final Http2Client client = Http2Client.builder()
            .connectTimeout(Duration.ofSeconds(5))
            .protocolConfig(protocol -> protocol.priorKnowledge(true))
            .build();

    @Override
    public Response exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) throws IOException {
        Http2ClientRequest request = client.method(Method.create(method)).uri(uri).readTimeout(timeout);
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (Http2ClientResponse response = body == null ? request.request() : request.submit(body)) {
            byte[] content = response.entity().hasEntity() ? response.entity().as(byte[].class) : new byte[0];
            long retryAfter = HttpTransport.retryAfterSeconds(response.headers().first(HeaderNames.RETRY_AFTER).orElse(null));
            return new Response(response.status().code(), content, retryAfter);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (StreamTimeoutException e) {
            // As the HTTP/1.1 client reports it, so the run counts both alike.
            SocketTimeoutException overdue = new SocketTimeoutException("no answer within " + timeout.toMillis() + " ms");
            overdue.initCause(e);
            throw overdue;
        }
    }
}
