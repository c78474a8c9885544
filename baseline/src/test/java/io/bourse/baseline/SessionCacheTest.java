package io.bourse.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The baseline remembers a confirmed session token for as long as Bourse's gateways do, and no longer. */
class SessionCacheTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final SessionCache cache = new SessionCache(now::get, 2_000);

    @Test
    void aConfirmedTokenIsRememberedUntilItsTimeIsUp() {
        assertThat(cache.accountOf("token-a")).isEqualTo(SessionCache.UNKNOWN);

        cache.confirmed("token-a", 42);
        now.addAndGet(1_999);
        assertThat(cache.accountOf("token-a")).isEqualTo(42);
        assertThat(cache.accountOf("token-b")).isEqualTo(SessionCache.UNKNOWN);

        now.addAndGet(1);
        assertThat(cache.accountOf("token-a")).isEqualTo(SessionCache.UNKNOWN);
    }

    @Test
    void confirmingAgainStartsTheTimeAgain() {
        cache.confirmed("token-a", 42);
        now.addAndGet(1_500);
        cache.confirmed("token-a", 42);
        now.addAndGet(1_500);

        assertThat(cache.accountOf("token-a")).isEqualTo(42);
    }

    @Test
    void theCacheStaysBounded() {
        for (int i = 0; i < SessionCache.MAX_TOKENS + 10; i++) {
            cache.confirmed("token-" + i, i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(SessionCache.MAX_TOKENS);
        assertThat(cache.accountOf("token-" + (SessionCache.MAX_TOKENS + 9))).isEqualTo(SessionCache.MAX_TOKENS + 9);
    }
}
