package io.bourse.engine;

import static io.bourse.core.ledger.Ledger.CASH;
import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.shard.Command;
import io.bourse.core.shard.Outcome;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.ShardLayout;
import java.time.Duration;
import java.util.List;

/** Whether a group serves through a leader, as the fault tests ask it after taking one away. */
final class Serving {
    /** What Bourse promises of a failover: the group serves again within this. */
    static final Duration PROMISED_WITHIN = Duration.ofSeconds(2);

    private Serving() {}

    /**
     * Returns once the group has answered through its leader: a linearizable read of its status
     * (of the directory, for the directory group). The client then knows that leader.
     */
    static void read(EngineClient client, ClusterLayout layout, String groupId) {
        if (groupId.equals(ClusterLayout.DIRECTORY_GROUP)) {
            client.refreshDirectory();
        } else {
            client.status(shardOf(layout, groupId));
        }
    }

    /**
     * Returns once the group has committed something through its leader: a shard a 1-cent deposit
     * (transfer {@code transferId}) to one of {@code accounts} it holds; the directory, which takes
     * no customer commands, a linearizable read.
     */
    static void commit(EngineClient client, ClusterLayout layout, List<Long> accounts, String groupId, long transferId) {
        if (groupId.equals(ClusterLayout.DIRECTORY_GROUP)) {
            client.refreshDirectory();
            return;
        }
        int shard = shardOf(layout, groupId);
        long account = accounts.stream().filter(a -> client.directory().shardOfAccount(a) == shard).findFirst().orElseThrow();
        // DUPLICATE is success too: the dying leader may have committed it before the client heard back.
        assertThat(client.submit(new Command.Deposit(account, transferId, CASH, 1)).outcome()).isIn(Outcome.ACCEPTED, Outcome.DUPLICATE);
    }

    private static int shardOf(ClusterLayout layout, String groupId) {
        return layout.shards().stream().filter(shard -> shard.groupId().equals(groupId)).mapToInt(ShardLayout::shardId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shard group " + groupId));
    }
}
