package io.bourse.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Bourse's WebSocket stream ({@code /v1/stream}). Subscribe to channels; every message arrives at
 * the listener as a {@link Message}, whose {@link Message#as} reads it as one of the
 * {@link io.bourse.client.model.StreamMessage} records.
 */
public final class BourseStream implements AutoCloseable {

    /** One message from the server: its {@code type} and its JSON. */
    public record Message(String type, JsonNode json) {
        public <T> T as(Class<T> shape) {
            try {
                return BourseClient.JSON.treeToValue(json, shape);
            } catch (Exception e) {
                throw new IllegalArgumentException("not a " + shape.getSimpleName() + ": " + json, e);
            }
        }
    }

    private final WebSocket socket;
    private final CompletableFuture<Integer> closed;

    private BourseStream(WebSocket socket, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.closed = closed;
    }

    static BourseStream open(HttpClient http, URI base, String token, Consumer<Message> listener) {
        URI uri = URI.create(base.toString().replaceFirst("^http", "ws")).resolve("/v1/stream");
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        JsonNode json = BourseClient.JSON.readTree(partial.toString());
                        listener.accept(new Message(json.path("type").asText(), json));
                    } catch (Exception e) {
                        listener.accept(new Message("unreadable", null));
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(1006);
            }
        }).join();
        BourseStream stream = new BourseStream(socket, closed);
        if (token != null) {
            stream.send(BourseClient.JSON.createObjectNode().put("op", "auth").put("token", token));
        }
        return stream;
    }

    /** Channels: "book", "trades", "ticker", "candles" (with an interval: "1m", "5m", "1h", "1d"). */
    public void subscribe(String channel, String symbol) {
        subscribe(channel, symbol, null);
    }

    public void subscribe(String channel, String symbol, String interval) {
        ObjectNode request = BourseClient.JSON.createObjectNode().put("op", "subscribe").put("channel", channel).put("symbol", symbol);
        if (interval != null) {
            request.put("interval", interval);
        }
        send(request);
    }

    /** The signed-in user's order updates, fills and balances (needs a token). */
    public void subscribeOrders() {
        send(BourseClient.JSON.createObjectNode().put("op", "subscribe").put("channel", "orders"));
    }

    public void unsubscribe(String channel, String symbol) {
        send(BourseClient.JSON.createObjectNode().put("op", "unsubscribe").put("channel", channel).put("symbol", symbol));
    }

    private synchronized void send(ObjectNode request) {
        socket.sendText(request.toString(), true).join();
    }

    /** The close code once the server closed the stream (1008: this reader was too slow), or null while open. */
    public Integer closeCode() {
        return closed.getNow(null);
    }

    /** Waits up to {@code millis} for the server to close the stream; its close code, or null. */
    public Integer awaitClose(long millis) {
        try {
            return closed.get(millis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }
}
