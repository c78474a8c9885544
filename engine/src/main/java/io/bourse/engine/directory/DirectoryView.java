package io.bourse.engine.directory;

import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.cluster.ClusterLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only copy of the directory: the cluster layout, which shard owns each account slot, and
 * the instruments with the shards that hold their books. What gateways and engines route by.
 *
 * <p>Every order looks its instrument up here, by symbol at the gateway and by id to route, so
 * the instruments are indexed both ways when the view is made (a view is made only when the
 * directory changes): a lookup costs the same with ten instruments listed as with ten thousand.
 */
public final class DirectoryView {
    private final long version;
    private final ClusterLayout layout;
    private final int[] shardOfSlot;
    private final List<InstrumentListing> instruments;
    private final Map<Integer, InstrumentListing> byId;
    private final Map<String, InstrumentListing> bySymbol;

    /**
     * @param version counts the directory's changes; a larger version is newer
     * @param layout the cluster's nodes and shards; null before the directory is bootstrapped
     * @param shardOfSlot the shard of each account slot; the view keeps this array, so the caller must not change it
     * @param instruments every listed instrument, each id and each symbol once
     */
    public DirectoryView(long version, ClusterLayout layout, int[] shardOfSlot, List<InstrumentListing> instruments) {
        this.version = version;
        this.layout = layout;
        this.shardOfSlot = shardOfSlot;
        this.instruments = List.copyOf(instruments);
        this.byId = HashMap.newHashMap(instruments.size());
        this.bySymbol = HashMap.newHashMap(instruments.size());
        for (InstrumentListing listing : this.instruments) {
            if (byId.put(listing.instrument().id(), listing) != null || bySymbol.put(listing.instrument().symbol(), listing) != null) {
                throw new IllegalArgumentException("instrument " + listing.instrument().symbol() + " (id "
                        + listing.instrument().id() + ") is listed twice");
            }
        }
    }

    public long version() {
        return version;
    }

    public ClusterLayout layout() {
        return layout;
    }

    public int[] shardOfSlot() {
        return shardOfSlot;
    }

    public List<InstrumentListing> instruments() {
        return instruments;
    }

    public boolean isBootstrapped() {
        return layout != null;
    }

    public int shardOfAccount(long accountId) {
        return shardOfSlot[ShardStateMachine.slotOf(accountId)];
    }

    public Optional<InstrumentListing> instrument(int instrumentId) {
        return Optional.ofNullable(byId.get(instrumentId));
    }

    public Optional<InstrumentListing> instrument(String symbol) {
        return symbol == null ? Optional.empty() : Optional.ofNullable(bySymbol.get(symbol));
    }
}
