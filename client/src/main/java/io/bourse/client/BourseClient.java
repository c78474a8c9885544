package io.bourse.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bourse.client.model.AmountRequest;
import io.bourse.client.model.ApiKey;
import io.bourse.client.model.ApiKeyRequest;
import io.bourse.client.model.Balance;
import io.bourse.client.model.CancelAllResult;
import io.bourse.client.model.Candle;
import io.bourse.client.model.FillPage;
import io.bourse.client.model.Instrument;
import io.bourse.client.model.LoginRequest;
import io.bourse.client.model.Order;
import io.bourse.client.model.OrderBook;
import io.bourse.client.model.OrderPage;
import io.bourse.client.model.OrderRequest;
import io.bourse.client.model.PasswordChangeRequest;
import io.bourse.client.model.Portfolio;
import io.bourse.client.model.Position;
import io.bourse.client.model.Problem;
import io.bourse.client.model.Quote;
import io.bourse.client.model.ReplaceRequest;
import io.bourse.client.model.Session;
import io.bourse.client.model.SignUpRequest;
import io.bourse.client.model.Trade;
import io.bourse.client.model.Transfer;
import io.bourse.client.model.TransferPage;
import io.bourse.client.model.User;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A typed client for Bourse's REST API. Thread-safe; one instance per credential. Errors come
 * back as {@link BourseApiException} carrying the server's problem document; requests that change
 * something can carry an idempotency key, so they can be retried safely on any gateway.
 *
 * <pre>{@code
 * BourseClient bourse = new BourseClient(URI.create("http://localhost:8080"));
 * bourse.signUp("alice", "correct horse battery");
 * bourse.logIn("alice", "correct horse battery");
 * bourse.deposit("1000.00");
 * Order order = bourse.placeOrder(OrderRequest.limit("ACME", "buy", 10, "99.50"));
 * }</pre>
 */
public final class BourseClient {
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private final URI base;
    private final HttpTransport transport;
    /** For the WebSocket stream: the JDK's client, the one given or one made when first needed. */
    private volatile HttpClient streamClient;
    private final Duration timeout;
    private volatile String token;

    public BourseClient(URI base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), Duration.ofSeconds(30));
    }

    public BourseClient(URI base, HttpClient http, Duration timeout) {
        this(base, new JdkHttpTransport(http), timeout);
        this.streamClient = http;
    }

    /** Requests go through {@code transport}; a stream, if opened, uses the JDK's WebSocket client. */
    public BourseClient(URI base, HttpTransport transport, Duration timeout) {
        this.base = base;
        this.transport = transport;
        this.timeout = timeout;
    }

    public URI baseUri() {
        return base;
    }

    /** Uses a session token or API key for the calls that need one. */
    public BourseClient useToken(String bearerToken) {
        this.token = bearerToken;
        return this;
    }

    public String token() {
        return token;
    }

    /** A new random idempotency key. */
    public static String newIdempotencyKey() {
        return UUID.randomUUID().toString();
    }

    // ---- users ----

    public User signUp(String username, String password) {
        return send("POST", "/v1/users", new SignUpRequest(username, password), newIdempotencyKey(), User.class);
    }

    /** Logs in and uses the new session for later calls. */
    public Session logIn(String username, String password) {
        return logIn(username, password, newIdempotencyKey());
    }

    /** Logs in; a retry with the same key (after a lost answer) gets the same session, not a second one. */
    public Session logIn(String username, String password, String idempotencyKey) {
        Session session = send("POST", "/v1/sessions", new LoginRequest(username, password), idempotencyKey, Session.class);
        useToken(session.token());
        return session;
    }

    public void logOut() {
        send("DELETE", "/v1/sessions/current", null, null, Void.class);
    }

    /**
     * Changes the password. Every other login session of the user ends; this one and the API keys
     * stay. A retry with the same key, after a lost answer, changes nothing more.
     */
    public void changePassword(String currentPassword, String newPassword) {
        changePassword(currentPassword, newPassword, newIdempotencyKey());
    }

    public void changePassword(String currentPassword, String newPassword, String idempotencyKey) {
        send("PUT", "/v1/users/me/password", new PasswordChangeRequest(currentPassword, newPassword), idempotencyKey, Void.class);
    }

    public User me() {
        return send("GET", "/v1/users/me", null, null, User.class);
    }

    public ApiKey createApiKey(String label, List<String> scopes) {
        return createApiKey(label, scopes, newIdempotencyKey());
    }

    public ApiKey createApiKey(String label, List<String> scopes, String idempotencyKey) {
        return send("POST", "/v1/api-keys", new ApiKeyRequest(label, scopes), idempotencyKey, ApiKey.class);
    }

    public List<ApiKey> apiKeys() {
        return send("GET", "/v1/api-keys", null, null, new TypeReference<List<ApiKey>>() {});
    }

    public void revokeApiKey(String id) {
        send("DELETE", "/v1/api-keys/" + encode(id), null, null, Void.class);
    }

    // ---- account ----

    public Portfolio portfolio() {
        return send("GET", ACCOUNT, null, null, Portfolio.class);
    }

    public List<Balance> balances() {
        return send("GET", "/v1/account/balances", null, null, new TypeReference<List<Balance>>() {});
    }

    public List<Position> positions() {
        return send("GET", "/v1/positions", null, null, new TypeReference<List<Position>>() {});
    }

    public Transfer deposit(String amount) {
        return deposit(amount, newIdempotencyKey());
    }

    public Transfer deposit(String amount, String idempotencyKey) {
        return send("POST", "/v1/account/deposits", new AmountRequest(amount), idempotencyKey, Transfer.class);
    }

    public Transfer withdraw(String amount) {
        return withdraw(amount, newIdempotencyKey());
    }

    public Transfer withdraw(String amount, String idempotencyKey) {
        return send("POST", "/v1/account/withdrawals", new AmountRequest(amount), idempotencyKey, Transfer.class);
    }

    // ---- market data ----

    public List<Instrument> instruments() {
        return send("GET", "/v1/instruments", null, null, new TypeReference<List<Instrument>>() {});
    }

    public Instrument instrument(String symbol) {
        return send("GET", "/v1/instruments/" + encode(symbol), null, null, Instrument.class);
    }

    public List<Quote> quotes() {
        return send("GET", "/v1/quotes", null, null, new TypeReference<List<Quote>>() {});
    }

    public Quote quote(String symbol) {
        return send("GET", quotePath(symbol), null, null, Quote.class);
    }

    public OrderBook book(String symbol, int depth) {
        return send("GET", bookPath(symbol, depth), null, null, OrderBook.class);
    }

    public List<Trade> trades(String symbol, int limit) {
        return send("GET", "/v1/markets/" + encode(symbol) + "/trades?limit=" + limit, null, null, new TypeReference<List<Trade>>() {});
    }

    public List<Candle> candles(String symbol, String interval, int limit) {
        return send("GET", "/v1/markets/" + encode(symbol) + "/candles?interval=" + encode(interval) + "&limit=" + limit, null, null,
                new TypeReference<List<Candle>>() {});
    }

    // ---- orders ----

    public Order placeOrder(OrderRequest order) {
        return placeOrder(order, newIdempotencyKey());
    }

    public Order placeOrder(OrderRequest order, String idempotencyKey) {
        return send("POST", ORDERS, order, idempotencyKey, Order.class);
    }

    public Order order(String orderId) {
        return send("GET", orderPath(orderId), null, null, Order.class);
    }

    /** {@code status}: "open", "closed" or "all"; {@code symbol} and {@code cursor} may be null. */
    public OrderPage orders(String status, String symbol, int limit, String cursor) {
        return send("GET", ordersPath(status, symbol, limit, cursor), null, null, OrderPage.class);
    }

    /**
     * The order placed with this client order id, if it is open or among the recent ended orders
     * its account keeps: how a program that lost the answer to a placement finds the order.
     */
    public java.util.Optional<Order> orderByClientOrderId(String clientOrderId) {
        OrderPage page = send("GET", ORDERS + query(Map.of("status", "all", "clientOrderId", clientOrderId, "limit", "1")), null, null, OrderPage.class);
        return page.orders().stream().findFirst();
    }

    public Order cancelOrder(String orderId) {
        return send("DELETE", orderPath(orderId), null, newIdempotencyKey(), Order.class);
    }

    public CancelAllResult cancelAll(String symbol) {
        return send("DELETE", ORDERS + query(Map.of("symbol", nullable(symbol))), null, newIdempotencyKey(), CancelAllResult.class);
    }

    public Order replaceOrder(String orderId, ReplaceRequest replacement) {
        return send("PUT", orderPath(orderId), replacement, newIdempotencyKey(), Order.class);
    }

    /** The account's deposits and withdrawals, newest first (the last 200 are kept). */
    public TransferPage transfers(int limit, String cursor) {
        return send("GET", "/v1/account/transfers" + query(Map.of("limit", Integer.toString(limit), "cursor", nullable(cursor))),
                null, null, TransferPage.class);
    }

    public FillPage fills(String symbol, int limit, String cursor) {
        return send("GET", "/v1/fills" + query(Map.of("symbol", nullable(symbol), "limit", Integer.toString(limit),
                "cursor", nullable(cursor))), null, null, FillPage.class);
    }

    // ---- asynchronous ----
    // The calls a busy client makes most, answered later (see HttpTransport.exchangeAsync): each
    // future completes with what the blocking call returns, or fails with what it throws.

    public CompletableFuture<Order> placeOrderAsync(OrderRequest order) {
        return placeOrderAsync(order, newIdempotencyKey());
    }

    public CompletableFuture<Order> placeOrderAsync(OrderRequest order, String idempotencyKey) {
        return sendAsync("POST", ORDERS, order, idempotencyKey, Order.class);
    }

    public CompletableFuture<Order> cancelOrderAsync(String orderId) {
        return sendAsync("DELETE", orderPath(orderId), null, newIdempotencyKey(), Order.class);
    }

    public CompletableFuture<Order> replaceOrderAsync(String orderId, ReplaceRequest replacement) {
        return sendAsync("PUT", orderPath(orderId), replacement, newIdempotencyKey(), Order.class);
    }

    public CompletableFuture<OrderPage> ordersAsync(String status, String symbol, int limit, String cursor) {
        return sendAsync("GET", ordersPath(status, symbol, limit, cursor), null, null, OrderPage.class);
    }

    public CompletableFuture<Portfolio> portfolioAsync() {
        return sendAsync("GET", ACCOUNT, null, null, Portfolio.class);
    }

    public CompletableFuture<Quote> quoteAsync(String symbol) {
        return sendAsync("GET", quotePath(symbol), null, null, Quote.class);
    }

    public CompletableFuture<OrderBook> bookAsync(String symbol, int depth) {
        return sendAsync("GET", bookPath(symbol, depth), null, null, OrderBook.class);
    }

    // ---- streaming ----

    /** Opens the WebSocket stream; {@code listener} hears every message. Authenticates it when this client has a token. */
    public BourseStream stream(Consumer<BourseStream.Message> listener) {
        return BourseStream.open(streamClient(), base, token, listener);
    }

    // ---- transport ----

    private static final String ACCOUNT = "/v1/account";
    private static final String ORDERS = "/v1/orders";

    private static String orderPath(String orderId) {
        return ORDERS + "/" + encode(orderId);
    }

    private static String ordersPath(String status, String symbol, int limit, String cursor) {
        return ORDERS + query(Map.of("status", status, "symbol", nullable(symbol), "limit", Integer.toString(limit), "cursor", nullable(cursor)));
    }

    private static String quotePath(String symbol) {
        return "/v1/markets/" + encode(symbol) + "/quote";
    }

    private static String bookPath(String symbol, int depth) {
        return "/v1/markets/" + encode(symbol) + "/book?depth=" + depth;
    }

    private <T> CompletableFuture<T> sendAsync(String method, String path, Object body, String idempotencyKey, Class<T> type) {
        return sendAsync(method, path, body, idempotencyKey, JSON.getTypeFactory().constructType(type));
    }

    private <T> T send(String method, String path, Object body, String idempotencyKey, Class<T> type) {
        return send(method, path, body, idempotencyKey, JSON.getTypeFactory().constructType(type));
    }

    private <T> T send(String method, String path, Object body, String idempotencyKey, TypeReference<T> type) {
        return send(method, path, body, idempotencyKey, JSON.getTypeFactory().constructType(type));
    }

    private <T> T send(String method, String path, Object body, String idempotencyKey, JavaType type) {
        Request request = request(method, path, body, idempotencyKey);
        try {
            return decode(transport.exchange(method, request.uri(), request.headers(), request.content(), timeout), type);
        } catch (IOException e) {
            throw failed(method, path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /**
     * The same call, answered later: the future completes with what {@link #send} returns, or fails
     * with what it throws ({@link BourseApiException}, {@link UncheckedIOException}), unwrapped.
     */
    private <T> CompletableFuture<T> sendAsync(String method, String path, Object body, String idempotencyKey, JavaType type) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Request request;
        try {
            request = request(method, path, body, idempotencyKey);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return result;
        }
        transport.exchangeAsync(method, request.uri(), request.headers(), request.content(), timeout).whenComplete((response, failure) -> {
            if (failure != null) {
                result.completeExceptionally(asSendThrows(method, path, failure));
                return;
            }
            try {
                result.complete(decode(response, type));
            } catch (IOException e) {
                result.completeExceptionally(failed(method, path, e));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** A transport's failure as {@link #send} would throw it: an I/O error unchecked, the rest as it is (unwrapped). */
    private static RuntimeException asSendThrows(String method, String path, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof IOException io) {
            return failed(method, path, io);
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(method + " " + path + " failed", cause);
    }

    /** What goes over the wire for one call. */
    private record Request(URI uri, Map<String, String> headers, byte[] content) {}

    private Request request(String method, String path, Object body, String idempotencyKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        String current = token;
        if (current != null) {
            headers.put("Authorization", "Bearer " + current);
        }
        if (idempotencyKey != null) {
            headers.put("Idempotency-Key", idempotencyKey);
        }
        byte[] content = null;
        if (body != null) {
            headers.put("Content-Type", "application/json");
            try {
                content = JSON.writeValueAsBytes(body);
            } catch (IOException e) {
                throw failed(method, path, e);
            }
        }
        return new Request(base.resolve(path), headers, content);
    }

    /** The answer's body as {@code type}; an error status as the server's problem document. */
    private static <T> T decode(HttpTransport.Response response, JavaType type) throws IOException {
        if (response.status() >= 400) {
            throw new BourseApiException(problem(response), response.retryAfterSeconds());
        }
        if (type.getRawClass() == Void.class || response.body().length == 0) {
            return null;
        }
        return JSON.readValue(response.body(), type);
    }

    private static UncheckedIOException failed(String method, String path, IOException e) {
        return new UncheckedIOException(method + " " + path + " failed: " + e.getMessage(), e);
    }

    private static Problem problem(HttpTransport.Response response) {
        try {
            return JSON.readValue(response.body(), Problem.class);
        } catch (IOException e) {
            return new Problem("about:blank", "HTTP " + response.status(), response.status(),
                    new String(response.body(), StandardCharsets.UTF_8), null);
        }
    }

    private HttpClient streamClient() {
        HttpClient client = streamClient;
        if (client == null) {
            synchronized (this) {
                if (streamClient == null) {
                    streamClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                }
                client = streamClient;
            }
        }
        return client;
    }

    private static final String ABSENT = "\u0000";

    private static String nullable(String value) {
        return value == null ? ABSENT : value;
    }

    private static String query(Map<String, String> parameters) {
        StringJoiner joiner = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> !e.getValue().equals(ABSENT))
                .forEach(e -> joiner.add(e.getKey() + "=" + encode(e.getValue())));
        return joiner.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
