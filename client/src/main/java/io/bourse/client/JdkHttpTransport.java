package io.bourse.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The default transport: the JDK's HTTP client. */
final class JdkHttpTransport implements HttpTransport {
    private final HttpClient http;

    JdkHttpTransport(HttpClient http) {
        this.http = http;
    }

    @Override
    public Response exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        return response(http.send(request(method, uri, headers, body, timeout), HttpResponse.BodyHandlers.ofByteArray()));
    }

    /** The JDK's client answers asynchronously itself: no thread of ours waits. */
    @Override
    public CompletableFuture<Response> exchangeAsync(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        return http.sendAsync(request(method, uri, headers, body, timeout), HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(JdkHttpTransport::response);
    }

    private static HttpRequest request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static Response response(HttpResponse<byte[]> response) {
        return new Response(response.statusCode(), response.body(), HttpTransport.retryAfterSeconds(response.headers().firstValue("Retry-After").orElse(null)));
    }
}
