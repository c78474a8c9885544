package io.bourse.gateway.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The shards whose event feeds this gateway follows: a shard's only while a stream session needs
 * it, from the first subscription that does until the last one ends.
 *
 * <p>Why not every shard's, always: a followed feed keeps the shard's leader building and encoding
 * an event for every change it applies, and this gateway fetching and decoding each one, once per
 * gateway; a gateway without stream sessions (one that serves only REST) did all of that for
 * nobody. A feed that nobody reads goes dormant on the engine ({@code EventFeed}), and its shard
 * then builds no events at all.
 *
 * <p>A subscription {@link #join joins} its shard: the follower is started if need be, and its
 * first contact (a reset, which reloads what the shard's other subscribers have) is awaited before
 * the subscription is registered, so what the subscriber loads afterwards is not reset again and
 * every later event reaches it. A shard being joined is never stopped: {@link #leaveUnneeded} stops
 * only the followers that neither a registered subscription nor one still joining needs.
 */
final class ShardFeeds {
    /** A shard's follower as this class uses it: {@link FeedFollower}, or a stand-in in tests. */
    interface Follower {
        void start();

        void stop();

        /** Waits for the first contact with the shard (or the stop), at most {@code timeout}; false if there was none by then. */
        boolean awaitContact(Duration timeout);
    }

    /** How long a subscription waits for a new follower's first contact before registering anyway (no replica answers). */
    static final Duration CONTACT_WAIT = Duration.ofSeconds(5);

    private final IntFunction<? extends Follower> followerOf;
    private final Supplier<Set<Integer>> needed;
    private final IntConsumer onStopped;
    private final Duration contactWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, Follower> followers = new HashMap<>();
    /** Subscriptions on their way in, by shard: each between its join's start and its registration. */
    private final Map<Integer, Integer> joining = new HashMap<>();

    /**
     * @param followerOf makes (and does not start) the follower of a shard
     * @param needed the shards that registered subscriptions need; asked under this object's lock, so it must
     *               not wait for a lock that a caller of {@link #join} or {@link #leaveUnneeded} may hold
     * @param onStopped told of each shard no longer followed, while no subscription can be joining it
     * @param contactWait how long a subscription waits for a new follower's first contact before it registers anyway
     */
    ShardFeeds(IntFunction<? extends Follower> followerOf, Supplier<Set<Integer>> needed, IntConsumer onStopped, Duration contactWait) {
        this.followerOf = followerOf;
        this.needed = needed;
        this.onStopped = onStopped;
        this.contactWait = contactWait;
    }

    /**
     * Follows {@code shardId}'s feed from now on, waits for the follower's first contact, then runs
     * {@code register}, which records the subscription that needs the shard. If {@code register}
     * throws, the shard is left again unless something else needs it.
     */
    void join(int shardId, Runnable register) {
        Follower follower;
        lock.lock();
        try {
            joining.merge(shardId, 1, Integer::sum);
            follower = followers.computeIfAbsent(shardId, this::start);
        } finally {
            lock.unlock();
        }
        boolean registered = false;
        try {
            follower.awaitContact(contactWait);
            register.run();
            registered = true;
        } finally {
            lock.lock();
            try {
                joining.computeIfPresent(shardId, (shard, count) -> count == 1 ? null : count - 1);
            } finally {
                lock.unlock();
            }
            if (!registered) {
                leaveUnneeded();
            }
        }
    }

    /** Stops following every shard that registered subscriptions do not need and that no subscription is joining. */
    void leaveUnneeded() {
        lock.lock();
        try {
            if (followers.isEmpty()) {
                return;
            }
            Set<Integer> stillNeeded = needed.get();
            List<Integer> unneeded = new ArrayList<>();
            for (int shardId : followers.keySet()) {
                if (!stillNeeded.contains(shardId) && !joining.containsKey(shardId)) {
                    unneeded.add(shardId);
                }
            }
            for (int shardId : unneeded) {
                followers.remove(shardId).stop();
                onStopped.accept(shardId);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The shards followed now. */
    Set<Integer> followed() {
        lock.lock();
        try {
            return Set.copyOf(followers.keySet());
        } finally {
            lock.unlock();
        }
    }

    void stopAll() {
        lock.lock();
        try {
            followers.values().forEach(Follower::stop);
            followers.clear();
        } finally {
            lock.unlock();
        }
    }

    private Follower start(int shardId) {
        Follower follower = followerOf.apply(shardId);
        follower.start();
        return follower;
    }
}
