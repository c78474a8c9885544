package io.bourse.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.bourse.client.model.StreamMessage;
import io.bourse.gateway.auth.Principal;
import io.bourse.gateway.http.Json;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection. Messages for it wait in a bounded queue that its own virtual thread
 * drains onto the socket, so a slow reader only ever delays itself; when its queue is full it is
 * closed (1008, "slow consumer") rather than slowing the feed for everyone else.
 */
final class StreamSession implements WsListener {
    static final int SLOW_CONSUMER = 1008;
    /** A policy violation too: the credential the session authenticated with was revoked or expired. */
    static final int CREDENTIAL_ENDED = 1008;
    private static final String POISON = "";

    private final StreamHub hub;
    private final BlockingQueue<String> outbound;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WsSession socket;
    private volatile Principal principal;
    /** The token the principal was authenticated from, checked again while the session lasts. */
    private volatile String token;

    StreamSession(StreamHub hub, int queueLimit) {
        this.hub = hub;
        this.outbound = new ArrayBlockingQueue<>(queueLimit);
    }

    Principal principal() {
        return principal;
    }

    boolean isClosed() {
        return closed.get();
    }

    void authenticated(Principal principal, String token) {
        this.principal = principal;
        this.token = token;
    }

    String token() {
        return token;
    }

    /** Queues a message; closes the connection instead when the reader has fallen too far behind. */
    void send(Object message) {
        sendText(encode(message));
    }

    /** Sends one message to many sessions, encoding it once. */
    static void broadcast(Collection<StreamSession> sessions, Object message) {
        if (sessions.isEmpty()) {
            return;
        }
        String text = encode(message);
        sessions.forEach(session -> session.sendText(text));
    }

    private static String encode(Object message) {
        return new String(Json.write(message), StandardCharsets.UTF_8);
    }

    private void sendText(String text) {
        if (closed.get()) {
            return;
        }
        if (!outbound.offer(text)) {
            close(SLOW_CONSUMER, "slow consumer: too many messages waiting");
        }
    }

    void close(int code, String reason) {
        if (closed.compareAndSet(false, true)) {
            hub.remove(this);
            outbound.clear();
            outbound.offer(POISON);
            WsSession current = socket;
            if (current != null) {
                try {
                    current.close(code, reason);
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
            hub.countClosed(code);
        }
    }

    @Override
    public void onOpen(WsSession session) {
        this.socket = session;
        Thread.ofVirtual().name("stream-writer").start(this::drain);
    }

    private void drain() {
        try {
            while (true) {
                String message = outbound.take();
                if (message == POISON) {
                    return;
                }
                socket.send(message, true);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            close(1011, "send failed");
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        JsonNode request;
        try {
            request = Json.MAPPER.readTree(text);
        } catch (Exception e) {
            send(new StreamMessage.Info("error", null, null, "messages must be JSON objects"));
            return;
        }
        if (request == null || !request.isObject()) {
            send(new StreamMessage.Info("error", null, null, "messages must be JSON objects"));
            return;
        }
        hub.handle(this, request);
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        close(status, reason);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        close(1011, "error");
    }
}
