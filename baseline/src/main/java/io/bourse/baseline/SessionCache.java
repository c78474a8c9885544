package io.bourse.baseline;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which account a session token stands for, remembered for a moment after the database said so.
 *
 * <p>Why: without it every request of the baseline took a second pooled connection and a query of
 * its own just to learn who sent it, before its transaction. Bourse's gateways remember a verified
 * token for two seconds ({@code Authenticator}); the baseline gets the same, or the comparison
 * would charge it for a round trip Bourse does not make. The baseline's sessions never end, so a
 * remembered token can never be a revoked one.
 */
final class SessionCache {
    /** As long as Bourse's gateways trust a verified token ({@code GatewayConfig.credentialCacheMillis}). */
    static final long DEFAULT_MILLIS = 2_000;
    /** Bounded, as Bourse's is: past this many tokens the cache starts again empty. */
    static final int MAX_TOKENS = 100_000;
    static final long UNKNOWN = -1;

    private record Checked(long accountId, long atMillis) {}

    private final LongSupplier clockMillis;
    private final long millis;
    private final ConcurrentHashMap<String, Checked> tokens = new ConcurrentHashMap<>();

    SessionCache(LongSupplier clockMillis, long millis) {
        this.clockMillis = clockMillis;
        this.millis = millis;
    }

    /** The account of {@code token} if the database confirmed it less than the cache's time ago, else {@link #UNKNOWN}. */
    long accountOf(String token) {
        Checked checked = tokens.get(token);
        if (checked == null || clockMillis.getAsLong() - checked.atMillis >= millis) {
            return UNKNOWN;
        }
        return checked.accountId;
    }

    /** Remembers that the database has just confirmed {@code token} as {@code accountId}'s. */
    void confirmed(String token, long accountId) {
        if (tokens.size() >= MAX_TOKENS) {
            tokens.clear();
        }
        tokens.put(token, new Checked(accountId, clockMillis.getAsLong()));
    }

    int size() {
        return tokens.size();
    }
}
