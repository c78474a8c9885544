package io.bourse.gateway.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A gateway follows a shard's feed from the first subscription that needs it until the last one ends, and never stops one being joined. */
@Timeout(30)
class ShardFeedsTest {
    /** Shards the registered subscriptions need, with how many subscriptions each. */
    private final Map<Integer, Integer> subscriptions = new ConcurrentHashMap<>();
    private final List<FakeFollower> made = new CopyOnWriteArrayList<>();
    private final List<Integer> stopped = new CopyOnWriteArrayList<>();
    private final ShardFeeds feeds = new ShardFeeds(this::follower, () -> Set.copyOf(subscriptions.keySet()), stopped::add,
            ShardFeeds.CONTACT_WAIT);
    /** Whether new followers wait for {@link FakeFollower#contact()} (else they have had it at once). */
    private volatile boolean holdContact;

    @Test
    void aSubscriptionIsRegisteredOnlyAfterItsShardsFollowerHasHadFirstContact() throws InterruptedException {
        holdContact = true;
        List<String> steps = new CopyOnWriteArrayList<>();
        Thread subscriber = Thread.ofVirtual().start(() -> feeds.join(3, () -> {
            steps.add("registered after contact: " + made.getFirst().contacted());
            subscribe(3);
        }));
        await().until(() -> made.size() == 1 && made.getFirst().started);
        assertThat(steps).as("still waiting for the first contact").isEmpty();

        made.getFirst().contact();
        subscriber.join();
        assertThat(steps).containsExactly("registered after contact: true");
        assertThat(feeds.followed()).containsExactly(3);
    }

    @Test
    void aShardAlreadyFollowedIsJoinedWithoutASecondFollower() {
        join(1);
        join(1);
        join(2);
        assertThat(made).extracting(f -> f.shardId).containsExactly(1, 2);
        assertThat(feeds.followed()).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void leavingStopsOnlyTheShardsNothingNeedsAnyMore() {
        join(1);
        join(1);
        join(2);

        unsubscribe(1);
        feeds.leaveUnneeded();
        assertThat(feeds.followed()).as("one subscription on shard 1 is left").containsExactlyInAnyOrder(1, 2);

        unsubscribe(2);
        feeds.leaveUnneeded();
        assertThat(feeds.followed()).containsExactly(1);
        assertThat(stopped).containsExactly(2);
        assertThat(made.get(1).stopped).isTrue();
        assertThat(made.getFirst().stopped).isFalse();
    }

    @Test
    void aShardBeingJoinedIsNotStoppedByALeaveInTheMeantime() throws InterruptedException {
        holdContact = true;
        Thread subscriber = Thread.ofVirtual().start(() -> feeds.join(4, () -> subscribe(4)));
        await().until(() -> made.size() == 1);

        feeds.leaveUnneeded(); // nothing registered needs shard 4 yet, but a subscription is on its way in
        assertThat(feeds.followed()).containsExactly(4);
        assertThat(made.getFirst().stopped).isFalse();

        made.getFirst().contact();
        subscriber.join();
        feeds.leaveUnneeded();
        assertThat(feeds.followed()).as("now registered").containsExactly(4);
    }

    @Test
    void aSubscriptionThatFailsToRegisterLeavesItsShardAgain() {
        assertThatThrownBy(() -> feeds.join(5, () -> {
            throw new IllegalStateException("the engine did not answer");
        })).hasMessage("the engine did not answer");
        assertThat(feeds.followed()).isEmpty();
        assertThat(stopped).containsExactly(5);
    }

    @Test
    void aFollowerWithoutContactDoesNotHoldTheSubscriptionForever() {
        ShardFeeds slow = new ShardFeeds(shardId -> new FakeFollower(shardId, false), Set::of, shardId -> { }, Duration.ofMillis(50));
        List<Integer> registered = new ArrayList<>();
        slow.join(6, () -> registered.add(6)); // no replica answers: waits 50 ms, then registers anyway
        assertThat(registered).containsExactly(6);
        assertThat(slow.followed()).as("still trying").containsExactly(6);
    }

    /**
     * Any sequence of subscriptions and unsubscriptions, one at a time: after each, exactly the
     * shards some subscription needs are followed, each by one follower started once, and a
     * stopped follower is never used again.
     */
    @Property(tries = 200)
    void theShardsFollowedAreTheShardsNeeded(@ForAll @Size(max = 60) List<@IntRange(min = -4, max = 4) Integer> steps) {
        Map<Integer, Integer> subscribed = new ConcurrentHashMap<>();
        List<FakeFollower> followers = new ArrayList<>();
        ShardFeeds property = new ShardFeeds(shardId -> {
            FakeFollower follower = new FakeFollower(shardId, true);
            followers.add(follower);
            return follower;
        }, () -> Set.copyOf(subscribed.keySet()), shardId -> { }, ShardFeeds.CONTACT_WAIT);
        for (int step : steps) {
            int shard = Math.abs(step);
            if (step > 0) {
                property.join(shard, () -> subscribed.merge(shard, 1, Integer::sum));
            } else if (step < 0 && subscribed.containsKey(shard)) {
                subscribed.computeIfPresent(shard, (s, count) -> count == 1 ? null : count - 1);
                property.leaveUnneeded();
            }
            assertThat(property.followed()).isEqualTo(subscribed.keySet());
            Map<Integer, Integer> running = new HashMap<>();
            followers.stream().filter(f -> !f.stopped).forEach(f -> running.merge(f.shardId, 1, Integer::sum));
            assertThat(running.keySet()).isEqualTo(subscribed.keySet());
            assertThat(new HashSet<>(running.values())).isSubsetOf(Set.of(1));
            assertThat(followers).allMatch(f -> f.started);
        }
    }

    private void join(int shardId) {
        feeds.join(shardId, () -> subscribe(shardId));
    }

    private void subscribe(int shardId) {
        subscriptions.merge(shardId, 1, Integer::sum);
    }

    private void unsubscribe(int shardId) {
        subscriptions.computeIfPresent(shardId, (shard, count) -> count == 1 ? null : count - 1);
    }

    private FakeFollower follower(int shardId) {
        FakeFollower follower = new FakeFollower(shardId, !holdContact);
        made.add(follower);
        return follower;
    }

    private static final class FakeFollower implements ShardFeeds.Follower {
        final int shardId;
        private final CountDownLatch contact = new CountDownLatch(1);
        volatile boolean started;
        volatile boolean stopped;

        FakeFollower(int shardId, boolean contactAtOnce) {
            this.shardId = shardId;
            if (contactAtOnce) {
                contact.countDown();
            }
        }

        void contact() {
            contact.countDown();
        }

        boolean contacted() {
            return contact.getCount() == 0;
        }

        @Override
        public void start() {
            assertThat(started).as("started twice").isFalse();
            started = true;
        }

        @Override
        public void stop() {
            stopped = true;
            contact.countDown();
        }

        @Override
        public boolean awaitContact(Duration timeout) {
            try {
                return contact.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
