package io.bourse.gateway;

import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import java.time.Duration;

/**
 * What a gateway needs: where to listen, the engine cluster to route to, and its bounds.
 *
 * @param passwordIterations PBKDF2 rounds for new password digests
 * @param credentialCacheMillis how long a verified token is trusted before the shard is asked again
 * @param requestsPerSecondPerIp rate limit per client address (burst: twice as many)
 * @param requestsPerSecondPerKey rate limit per session or API key (burst: twice as many)
 * @param streamQueueLimit messages queued for one WebSocket before it counts as too slow and is closed
 */
public record GatewayConfig(String host, int port, ClusterLayout engineLayout, EngineClientOptions engineClient,
                            int passwordIterations, Duration sessionLifetime, long credentialCacheMillis,
                            double requestsPerSecondPerIp, double requestsPerSecondPerKey, int maxBodyBytes,
                            int streamQueueLimit) {

    public static GatewayConfig of(String host, int port, ClusterLayout engineLayout) {
        return new GatewayConfig(host, port, engineLayout, EngineClientOptions.defaults(), 210_000, Duration.ofHours(12),
                2_000, 500, 200, 16 * 1024, 4_096);
    }

    public GatewayConfig withPasswordIterations(int iterations) {
        return new GatewayConfig(host, port, engineLayout, engineClient, iterations, sessionLifetime, credentialCacheMillis,
                requestsPerSecondPerIp, requestsPerSecondPerKey, maxBodyBytes, streamQueueLimit);
    }

    public GatewayConfig withRateLimits(double perIp, double perKey) {
        return new GatewayConfig(host, port, engineLayout, engineClient, passwordIterations, sessionLifetime, credentialCacheMillis,
                perIp, perKey, maxBodyBytes, streamQueueLimit);
    }

    public GatewayConfig withStreamQueueLimit(int limit) {
        return new GatewayConfig(host, port, engineLayout, engineClient, passwordIterations, sessionLifetime, credentialCacheMillis,
                requestsPerSecondPerIp, requestsPerSecondPerKey, maxBodyBytes, limit);
    }
}
