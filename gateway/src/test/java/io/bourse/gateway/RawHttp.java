package io.bourse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Requests as a hostile or careless client sends them: any method, any bytes, any headers. */
final class RawHttp {
    record Answer(int status, String contentType, JsonNode json, HttpResponse<byte[]> response) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {}

    static Answer send(URI base, String method, String path, String token, byte[] body, String... headers) {
        return send(base, method, path, token, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body),
                body != null, headers);
    }

    /** Sends the body chunked, without a Content-Length, as a streaming client would. */
    static Answer sendChunked(URI base, String method, String path, String token, byte[] body) {
        return send(base, method, path, token, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), true);
    }

    private static Answer send(URI base, String method, String path, String token, HttpRequest.BodyPublisher publisher, boolean jsonBody,
                               String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).method(method, publisher);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (jsonBody) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = null;
            try {
                json = response.body().length == 0 ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // left null: the assertion on it will say so
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
