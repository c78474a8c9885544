package io.bourse.gateway.stream;

import io.bourse.core.shard.ShardEvent;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.feed.FeedBatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one shard's event feed on a virtual thread: long-polls the replica believed to lead,
 * moves to the next replica when one stops answering, and reports a reset whenever its place in
 * the feed is lost (first contact, another replica, a restart), so subscribers get resynchronized.
 *
 * <p>Its first contact is always such a reset. {@link #awaitContact} lets a new subscription wait
 * for it, so that what the subscriber loads next is not followed by a reset of its own, and every
 * event after the load reaches it.
 */
final class FeedFollower implements ShardFeeds.Follower {
    private static final Logger LOG = LoggerFactory.getLogger(FeedFollower.class);
    private static final int MAX_EVENTS = 2_000;
    private static final int WAIT_MILLIS = 5_000;

    interface Listener {
        void onEvents(int shardId, List<ShardEvent> events);

        void onReset(int shardId);
    }

    private final int shardId;
    private final EngineClient engine;
    private final Listener listener;
    private final CountDownLatch contact = new CountDownLatch(1);
    private volatile boolean running = true;
    private Thread thread;

    FeedFollower(int shardId, EngineClient engine, Listener listener) {
        this.shardId = shardId;
        this.engine = engine;
        this.listener = listener;
    }

    @Override
    public void start() {
        thread = Thread.ofVirtual().name("feed-follower-" + shardId).start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        contact.countDown();
    }

    /**
     * Waits until the follower has heard from a replica once and told its listener (or has
     * stopped), at most {@code timeout}; false if it has not by then (no replica answered: when one
     * does, the listener hears of the reset).
     */
    @Override
    public boolean awaitContact(Duration timeout) {
        try {
            return contact.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void run() {
        List<String> replicas = engine.endpointsOf(ClusterLayout.shardGroupId(shardId));
        String endpoint = engine.leaderOf(ClusterLayout.shardGroupId(shardId));
        long epoch = 0;
        long after = 0;
        while (running) {
            FeedBatch batch;
            try {
                batch = engine.feed(shardId, endpoint, epoch, after, MAX_EVENTS, WAIT_MILLIS);
            } catch (RuntimeException e) {
                batch = null;
            }
            if (!running) {
                return;
            }
            if (batch == null) {
                endpoint = replicas.get((replicas.indexOf(endpoint) + 1) % replicas.size());
                pause();
                continue;
            }
            try {
                if (batch.reset()) {
                    epoch = batch.epoch();
                    after = batch.lastSequence();
                    listener.onReset(shardId);
                } else {
                    after = batch.lastSequence();
                    if (!batch.events().isEmpty()) {
                        listener.onEvents(shardId, batch.events());
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("shard {} feed: delivering events failed: {}", shardId, e.toString());
            }
            contact.countDown();
        }
    }

    private void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
