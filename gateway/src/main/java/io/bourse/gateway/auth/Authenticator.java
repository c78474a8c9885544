package io.bourse.gateway.auth;

import io.bourse.core.shard.UserView;
import io.bourse.engine.client.EngineClient;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks bearer tokens against the credentials kept on each user's shard. A successful check is
 * remembered for a moment ({@code cacheMillis}), which spares the shard a read on every request;
 * that is also how long a revoked credential may still work on another gateway. Only the gateway
 * that revoked it forgets it at once.
 */
public final class Authenticator {
    private record Cached(Principal principal, long expiresAtMillis, long checkedAtMillis) {}

    private static final int MAX_CACHED = 100_000;

    private final EngineClient engine;
    private final Clock clock;
    private final long cacheMillis;
    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public Authenticator(EngineClient engine, Clock clock, long cacheMillis) {
        this.engine = engine;
        this.clock = clock;
        this.cacheMillis = cacheMillis;
    }

    /** The principal a token stands for, or null when it stands for nobody (unknown, revoked, expired, malformed). */
    public Principal authenticate(String token) {
        Tokens.Parsed parsed = Tokens.parse(token);
        if (parsed == null) {
            return null;
        }
        long now = clock.millis();
        Cached cached = cache.get(token);
        if (cached != null && now - cached.checkedAtMillis < cacheMillis && now < cached.expiresAtMillis) {
            return cached.principal;
        }
        UserView user = engine.user(parsed.accountId());
        UserView.Credential credential = user == null ? null : user.credential(parsed.credentialId());
        if (credential == null || credential.expiresAtMillis() <= now
                || !MessageDigest.isEqual(Tokens.digest(parsed.secret()).getBytes(StandardCharsets.US_ASCII),
                        credential.secretDigest().getBytes(StandardCharsets.US_ASCII))) {
            cache.remove(token);
            return null;
        }
        Principal principal = new Principal(parsed.accountId(), parsed.credentialId(), credential.scopes());
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(token, new Cached(principal, credential.expiresAtMillis(), now));
        return principal;
    }

    /** Forgets every cached check of a credential (after this gateway revoked it). */
    public void forget(long accountId, long credentialId) {
        cache.values().removeIf(c -> c.principal.accountId() == accountId && c.principal.credentialId() == credentialId);
    }
}
