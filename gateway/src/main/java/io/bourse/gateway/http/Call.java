package io.bourse.gateway.http;

import io.bourse.gateway.auth.AccountIds;
import io.bourse.gateway.auth.Principal;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** One API request as an endpoint sees it: who is calling, and checked access to its parts. */
public final class Call {
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private final ServerRequest request;
    private final Principal principal;
    private final int maxBodyBytes;
    private byte[] body;

    Call(ServerRequest request, Principal principal, int maxBodyBytes) {
        this.request = request;
        this.principal = principal;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The authenticated caller; only called by endpoints that require authentication. */
    public Principal principal() {
        if (principal == null) {
            throw new IllegalStateException("endpoint is not authenticated");
        }
        return principal;
    }

    public long accountId() {
        return principal().accountId();
    }

    public String pathParameter(String name) {
        return request.path().pathParameters().get(name);
    }

    public Optional<String> query(String name) {
        return request.query().first(name).asOptional();
    }

    public String clientIp() {
        return request.remotePeer().host();
    }

    public Optional<String> header(String name) {
        return request.headers().first(HeaderNames.create(name));
    }

    /** The {@code Idempotency-Key} header, checked; empty when the caller sent none. */
    public Optional<String> idempotencyKey() {
        Optional<String> key = header("Idempotency-Key");
        if (key.isPresent() && !IDEMPOTENCY_KEY.matcher(key.get()).matches()) {
            throw ApiException.invalid("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
        }
        return key;
    }

    /**
     * A fingerprint of what this request asks: method, path and body. Two requests under one
     * idempotency key must agree on it.
     */
    public long fingerprint() {
        byte[] head = (request.prologue().method().text() + " " + request.path().path() + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] bytes = body();
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return AccountIds.leadingLong(AccountIds.sha256(all));
    }

    public byte[] body() {
        if (body == null) {
            body = readBody();
        }
        return body;
    }

    public <T> T body(Class<T> type) {
        return Json.read(body(), type);
    }

    private byte[] readBody() {
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
            throw tooLarge(maxBodyBytes);
        }
        try (InputStream in = request.content().inputStream()) {
            if (declared.isPresent()) {
                // Read into an array of the declared size: InputStream.readNBytes(max) would
                // allocate 16 KB buffers for a body of a hundred bytes, on every request.
                byte[] bytes = new byte[(int) declared.getAsLong()];
                in.readNBytes(bytes, 0, bytes.length);
                return bytes;
            }
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge(maxBodyBytes);
            }
            return bytes;
        } catch (DataReader.InsufficientDataAvailableException e) {
            // The connection ended inside the body: a client's fault, not the server's.
            throw ApiException.invalid("body", "the request ended before its body did");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ApiException tooLarge(int maxBodyBytes) {
        return new ApiException(413, "body-too-large", "The request body is too large",
                "bodies are limited to " + maxBodyBytes + " bytes");
    }
}
