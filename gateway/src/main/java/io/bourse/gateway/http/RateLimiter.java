package io.bourse.gateway.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (an API key, a session, an IP address): {@code perSecond} requests a
 * second on average, bursts up to {@code burst}. Per gateway: with N gateways behind a balancer a
 * client gets up to N times the rate, which is the price of keeping gateways stateless.
 */
public final class RateLimiter {
    private static final int MAX_KEYS = 200_000;

    private final double perSecond;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAtNanos = now;
        }
    }

    public RateLimiter(double perSecond, double burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    /** 0 when the request may go ahead; otherwise how many whole seconds to wait before retrying. */
    public long acquire(String key) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_KEYS) {
            buckets.clear(); // everyone gets a full bucket again; better than unbounded memory
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAtNanos) / 1e9 * perSecond);
            bucket.refilledAtNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }
}
