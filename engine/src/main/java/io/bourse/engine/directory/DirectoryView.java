package io.bourse.engine.directory;

import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.cluster.ClusterLayout;
import java.util.List;
import java.util.Optional;

/**
 * A read-only copy of the directory: the cluster layout, which shard owns each account slot, and
 * the instruments with the shards that hold their books. What gateways and engines route by.
 *
 * @param version counts the directory's changes; a larger version is newer
 */
public record DirectoryView(long version, ClusterLayout layout, int[] shardOfSlot, List<InstrumentListing> instruments) {

    public boolean isBootstrapped() {
        return layout != null;
    }

    public int shardOfAccount(long accountId) {
        return shardOfSlot[ShardStateMachine.slotOf(accountId)];
    }

    public Optional<InstrumentListing> instrument(int instrumentId) {
        return instruments.stream().filter(i -> i.instrument().id() == instrumentId).findFirst();
    }

    public Optional<InstrumentListing> instrument(String symbol) {
        return instruments.stream().filter(i -> i.instrument().symbol().equals(symbol)).findFirst();
    }
}
