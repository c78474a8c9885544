package io.bourse.engine;

import static org.awaitility.Awaitility.await;

import io.bourse.engine.client.EngineClient;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.query.ShardStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;

/** Whether a cluster, in this JVM or in processes of its own, is ready to trade: asked through its client. */
final class ClusterReadiness {
    private ClusterReadiness() {}

    /** Waits until the directory is bootstrapped and every shard has every slot and {@code instruments} instruments. */
    static void awaitReady(EngineClient client, ClusterLayout layout, int instruments) {
        AtomicReference<String> lastSeen = new AtomicReference<>("nothing yet");
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                try {
                    return isReady(client, layout, instruments, lastSeen);
                } catch (RuntimeException e) {
                    lastSeen.set(e.toString());
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the cluster was not ready within 30 s; last seen: " + lastSeen.get(), e);
        }
    }

    private static boolean isReady(EngineClient client, ClusterLayout layout, int instruments, AtomicReference<String> lastSeen) {
        if (!client.refreshDirectory().isBootstrapped()) {
            lastSeen.set("the directory is not bootstrapped");
            return false;
        }
        int slots = 0;
        for (var shard : layout.shards()) {
            ShardStatus status = client.status(shard.shardId());
            if (status.instruments() < instruments) {
                lastSeen.set("shard " + shard.shardId() + " knows " + status.instruments() + " instruments");
                return false;
            }
            slots += status.slotsOwned();
        }
        lastSeen.set("the shards own " + slots + " slots");
        return slots == 1024;
    }
}
