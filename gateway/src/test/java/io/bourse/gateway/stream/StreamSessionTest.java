package io.bourse.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bourse.client.model.StreamMessage;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.websocket.WsSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A session whose reader stops reading is closed as a slow consumer once its queue is full; nobody else waits for it. */
@Timeout(30)
class StreamSessionTest {

    /** A socket whose sends block after the first, as a peer that stopped reading makes them. */
    private static class StalledSocket implements WsSession {
        final CountDownLatch never = new CountDownLatch(1);
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger closedWith = new AtomicInteger();

        @Override
        public WsSession send(String text, boolean last) {
            if (sent.incrementAndGet() > 1) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return this;
        }

        @Override
        public WsSession close(int code, String reason) {
            closedWith.set(code);
            never.countDown();
            return this;
        }

        @Override
        public WsSession send(BufferData bufferData, boolean last) {
            return this;
        }

        @Override
        public WsSession ping(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession pong(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession terminate() {
            return this;
        }

        @Override
        public SocketContext socketContext() {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aFullQueueClosesTheSessionWith1008AndSendingNeverBlocks() {
        StreamHub hub = new StreamHub(null, null, null, 8, new SimpleMeterRegistry());
        StreamSession session = (StreamSession) hub.newSession();
        StalledSocket socket = new StalledSocket();
        session.onOpen(socket);

        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            session.send(new StreamMessage.Info("subscribed", "book", "ACME", Integer.toString(i)));
        }
        // The producer (the feed) never waited on the stalled reader.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        await().atMost(Duration.ofSeconds(5)).until(() -> socket.closedWith.get() == StreamSession.SLOW_CONSUMER);
        assertThat(socket.sent.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void aReaderThatKeepsUpIsNeverClosed() {
        StreamHub hub = new StreamHub(null, null, null, 8, new SimpleMeterRegistry());
        StreamSession session = (StreamSession) hub.newSession();
        AtomicInteger delivered = new AtomicInteger();
        StalledSocket fast = new StalledSocket() {
            @Override
            public WsSession send(String text, boolean last) {
                delivered.incrementAndGet();
                return this;
            }
        };
        session.onOpen(fast);
        for (int i = 0; i < 1_000; i++) {
            session.send(new StreamMessage.Info("subscribed", "book", "ACME", null));
            // A reader that keeps up: never more than a few messages behind.
            while (delivered.get() < i - 4) {
                Thread.onSpinWait();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.get() == 1_000);
        assertThat(fast.closedWith.get()).isZero();
    }
}
