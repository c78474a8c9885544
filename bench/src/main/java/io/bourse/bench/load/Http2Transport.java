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
 * server grants only to requests without a body). Every virtual user's requests to one server share
 * a connection as concurrent streams.
 *
 * <p>Why a load generator would: on these machines an order's system calls and wake-ups, most of
 * them the HTTP exchange's one request at a time per connection, cost about as much as its Java;
 * HTTP/2 reads and writes many requests' frames at once. Measured (docs/benchmarks.md, the gateway
 * section): a gateway spent a fifth less CPU per order under a C client; end to end, with this
 * client sharing the machine, the whole run about a fourteenth less, a lower p99, and no gain in
 * throughput beyond the spread between runs.
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
