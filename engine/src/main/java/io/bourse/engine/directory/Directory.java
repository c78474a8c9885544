package io.bourse.engine.directory;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.ShardStateMachine;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.NodeAddress;
import io.bourse.engine.cluster.ShardLayout;
import io.bourse.engine.raft.ReplicatedState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;

/**
 * The directory's replicated state: the cluster layout (recorded once, at bootstrap), account
 * slot → shard, and instruments → the shard holding each book. Deterministic, like a shard.
 *
 * <p>Commands: {@code 1 Bootstrap(layout)} spreads the 1,024 slots evenly over the layout's shards;
 * {@code 2 ListInstrument(instrument, marketShard)} adds an instrument (symbols and ids are unique);
 * {@code 3 MoveReferencePrice(instrumentId, ticks)} re-centres an instrument's price band (at the end
 * of a trading day, on its close), which the shards then take up (see DirectorySync).
 */
public final class Directory implements ReplicatedState {
    static final int BOOTSTRAP = 1;
    static final int LIST_INSTRUMENT = 2;
    static final int MOVE_REFERENCE_PRICE = 3;
    private static final int SNAPSHOT_MAGIC = 0x42524449; // "BRDI"
    private static final int SNAPSHOT_VERSION = 1;

    private long version;
    private ClusterLayout layout;
    private final int[] shardOfSlot = new int[ShardStateMachine.SLOT_COUNT];
    private final TreeMap<Integer, InstrumentListing> instruments = new TreeMap<>();

    public Directory() {
        Arrays.fill(shardOfSlot, -1);
    }

    // ---- commands ----

    public static byte[] bootstrap(ClusterLayout layout) {
        BinaryWriter out = new BinaryWriter(256).writeByte(BOOTSTRAP);
        writeLayout(out, layout);
        return out.toByteArray();
    }

    public static byte[] listInstrument(Instrument instrument, int marketShard) {
        BinaryWriter out = new BinaryWriter(128).writeByte(LIST_INSTRUMENT);
        CommandCodec.writeInstrument(out, instrument);
        return out.writeInt(marketShard).toByteArray();
    }

    public static byte[] moveReferencePrice(int instrumentId, long referencePriceTicks) {
        return new BinaryWriter(16).writeByte(MOVE_REFERENCE_PRICE).writeInt(instrumentId).writeLong(referencePriceTicks).toByteArray();
    }

    @Override
    public byte[] apply(long logTimeMillis, BinaryReader in, boolean resultWanted) {
        CommandResult result;
        try {
            int tag = in.readByte();
            result = switch (tag) {
                case BOOTSTRAP -> applyBootstrap(readLayout(in));
                case LIST_INSTRUMENT -> applyListInstrument(CommandCodec.readInstrument(in), in.readInt());
                case MOVE_REFERENCE_PRICE -> applyMoveReferencePrice(in.readInt(), in.readLong());
                default -> CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
            };
        } catch (MalformedInputException | IllegalArgumentException e) {
            result = CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        return CommandCodec.encodeResult(result);
    }

    private CommandResult applyBootstrap(ClusterLayout proposed) {
        if (layout != null) {
            return layout.equals(proposed) ? CommandResult.duplicate(version) : CommandResult.rejected(RejectReason.INVALID_INSTRUMENT);
        }
        layout = proposed;
        List<ShardLayout> shards = proposed.shards();
        for (int slot = 0; slot < shardOfSlot.length; slot++) {
            shardOfSlot[slot] = shards.get(slot * shards.size() / shardOfSlot.length).shardId();
        }
        version++;
        return CommandResult.accepted(version);
    }

    private CommandResult applyListInstrument(Instrument instrument, int marketShard) {
        if (layout == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_SHARD);
        }
        RejectReason problem = instrument.problem();
        if (problem != null) {
            return CommandResult.rejected(problem);
        }
        if (layout.shard(marketShard).isEmpty()) {
            return CommandResult.rejected(RejectReason.UNKNOWN_SHARD);
        }
        InstrumentListing existing = instruments.get(instrument.id());
        if (existing != null) {
            return existing.equals(new InstrumentListing(instrument, marketShard))
                    ? CommandResult.duplicate(instrument.id()) : CommandResult.rejected(RejectReason.INSTRUMENT_ALREADY_DEFINED);
        }
        if (instruments.values().stream().anyMatch(l -> l.instrument().symbol().equals(instrument.symbol()))) {
            return CommandResult.rejected(RejectReason.INSTRUMENT_ALREADY_DEFINED);
        }
        instruments.put(instrument.id(), new InstrumentListing(instrument, marketShard));
        version++;
        return CommandResult.accepted(instrument.id());
    }

    private CommandResult applyMoveReferencePrice(int instrumentId, long referencePriceTicks) {
        InstrumentListing listing = instruments.get(instrumentId);
        if (listing == null) {
            return CommandResult.rejected(RejectReason.UNKNOWN_INSTRUMENT);
        }
        if (listing.instrument().referencePriceTicks() == referencePriceTicks) {
            return CommandResult.duplicate(instrumentId);
        }
        Instrument moved = listing.instrument().withReferencePrice(referencePriceTicks);
        if (moved.problem() != null) {
            return CommandResult.rejected(RejectReason.INVALID_PRICE);
        }
        instruments.put(instrumentId, new InstrumentListing(moved, listing.marketShard()));
        version++;
        return CommandResult.accepted(instrumentId);
    }

    public DirectoryView view() {
        return new DirectoryView(version, layout, shardOfSlot.clone(), List.copyOf(instruments.values()));
    }

    // ---- snapshots ----

    @Override
    public byte[] snapshot() {
        BinaryWriter out = new BinaryWriter(4096).writeInt(SNAPSHOT_MAGIC).writeInt(SNAPSHOT_VERSION);
        writeView(out, view());
        return out.toByteArray();
    }

    @Override
    public void restore(byte[] snapshot) {
        BinaryReader in = new BinaryReader(snapshot);
        if (in.readInt() != SNAPSHOT_MAGIC || in.readInt() != SNAPSHOT_VERSION) {
            throw new MalformedInputException("not a version " + SNAPSHOT_VERSION + " directory snapshot");
        }
        DirectoryView view = readView(in);
        version = view.version();
        layout = view.layout();
        System.arraycopy(view.shardOfSlot(), 0, shardOfSlot, 0, shardOfSlot.length);
        instruments.clear();
        view.instruments().forEach(l -> instruments.put(l.instrument().id(), l));
    }

    // ---- encoding, shared with queries ----

    public static void writeView(BinaryWriter out, DirectoryView view) {
        out.writeLong(view.version()).writeBoolean(view.layout() != null);
        if (view.layout() != null) {
            writeLayout(out, view.layout());
        }
        for (int shard : view.shardOfSlot()) {
            out.writeInt(shard);
        }
        out.writeInt(view.instruments().size());
        for (InstrumentListing listing : view.instruments()) {
            CommandCodec.writeInstrument(out, listing.instrument());
            out.writeInt(listing.marketShard());
        }
    }

    public static DirectoryView readView(BinaryReader in) {
        long version = in.readLong();
        ClusterLayout layout = in.readBoolean() ? readLayout(in) : null;
        int[] slots = new int[ShardStateMachine.SLOT_COUNT];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = in.readInt();
        }
        int count = in.readCount(60);
        List<InstrumentListing> listings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            listings.add(new InstrumentListing(CommandCodec.readInstrument(in), in.readInt()));
        }
        return new DirectoryView(version, layout, slots, listings);
    }

    static void writeLayout(BinaryWriter out, ClusterLayout layout) {
        out.writeInt(layout.nodes().size());
        for (NodeAddress node : layout.nodes()) {
            out.writeString(node.id()).writeString(node.host()).writeInt(node.port());
        }
        writeIds(out, layout.directoryReplicas());
        out.writeInt(layout.shards().size());
        for (ShardLayout shard : layout.shards()) {
            out.writeInt(shard.shardId());
            writeIds(out, shard.replicas());
        }
    }

    static ClusterLayout readLayout(BinaryReader in) {
        int nodeCount = in.readCount(12);
        List<NodeAddress> nodes = new ArrayList<>();
        for (int i = 0; i < nodeCount; i++) {
            nodes.add(new NodeAddress(in.readString(), in.readString(), in.readInt()));
        }
        List<String> directory = readIds(in);
        int shardCount = in.readCount(8);
        List<ShardLayout> shards = new ArrayList<>();
        for (int i = 0; i < shardCount; i++) {
            shards.add(new ShardLayout(in.readInt(), readIds(in)));
        }
        return new ClusterLayout(nodes, directory, shards);
    }

    private static void writeIds(BinaryWriter out, List<String> ids) {
        out.writeInt(ids.size());
        ids.forEach(out::writeString);
    }

    private static List<String> readIds(BinaryReader in) {
        int count = in.readCount(4);
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(in.readString());
        }
        return ids;
    }
}
