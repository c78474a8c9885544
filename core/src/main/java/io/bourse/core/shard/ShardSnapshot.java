package io.bourse.core.shard;

import io.bourse.core.book.OrderBook;
import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.PlaceOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The versioned binary snapshot of a shard. Everything is written in a canonical order (sorted
 * by id, or in priority or age order where order matters), so equal states give equal bytes.
 *
 * <p>Format history: version 1 (first release). A new version adds a reader for itself and keeps
 * every older reader: a release must restore the snapshots of the one before.
 */
final class ShardSnapshot {
    static final int MAGIC = 0x42525353; // "BRSS"
    static final int CURRENT_VERSION = 1;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private ShardSnapshot() {}

    static String hash(byte[] snapshot) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(snapshot));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }

    // ---- writing (always the current version) ----

    static byte[] write(ShardStateMachine machine) {
        ShardContext shard = machine.shard;
        BinaryWriter out = new BinaryWriter(64 * 1024);
        out.writeInt(MAGIC).writeInt(CURRENT_VERSION);
        out.writeInt(shard.shardId).writeLong(shard.logTimeMillis)
                .writeLong(machine.accounts.orderSequence).writeLong(machine.markets.tradeSequence);
        writeRouting(out, shard);
        shard.ledger.writeTo(out);
        writeAccounts(out, machine.accounts);
        writeMarkets(out, machine.markets);
        writeChannels(out, shard.channels);
        return out.toByteArray();
    }

    private static void writeRouting(BinaryWriter out, ShardContext shard) {
        for (int slot = 0; slot < Routing.SLOT_COUNT; slot++) {
            out.writeInt(shard.routing.shardOfSlot(slot));
        }
        List<Instrument> instruments = new ArrayList<>(shard.instruments.values());
        instruments.sort(Comparator.comparingInt(Instrument::id));
        out.writeInt(instruments.size());
        for (Instrument i : instruments) {
            out.writeInt(shard.routing.marketShard(i.id()));
            CommandCodec.writeInstrument(out, i);
        }
    }

    private static void writeAccounts(BinaryWriter out, Accounts accounts) {
        List<AccountOrder> open = new ArrayList<>(accounts.openOrders.values());
        open.sort(Comparator.comparingLong(order -> order.orderId));
        out.writeInt(open.size());
        for (AccountOrder order : open) {
            writePlaceOrder(out, accounts.clientOrders.find(order.accountId, order.clientOrderId).request);
            out.writeLong(order.orderId).writeLong(order.limitPriceTicks).writeLong(order.stopPriceTicks)
                    .writeLong(order.totalLots).writeLong(order.filledLots).writeEnum(order.status)
                    .writeBoolean(order.amendInFlight);
        }
        List<ClientOrderIndex.Entry> ended = accounts.clientOrders.endedOldestFirst();
        out.writeInt(ended.size());
        for (ClientOrderIndex.Entry entry : ended) {
            out.writeLong(entry.endedAtMillis).writeLong(entry.orderId);
            writePlaceOrder(out, entry.request);
        }
    }

    private static void writePlaceOrder(BinaryWriter out, PlaceOrder p) {
        out.writeLong(p.accountId()).writeString(p.clientOrderId()).writeInt(p.instrumentId()).writeEnum(p.side())
                .writeEnum(p.type()).writeEnum(p.timeInForce()).writeLong(p.limitPriceCents())
                .writeLong(p.stopPriceCents()).writeLong(p.quantityShares()).writeBoolean(p.postOnly());
    }

    private static void writeMarkets(BinaryWriter out, Markets markets) {
        int[] ids = markets.instrumentIdsInOrder();
        out.writeInt(ids.length);
        for (int id : ids) {
            Market market = markets.market(id);
            out.writeInt(id).writeLong(market.lastTradeTicks).writeLong(market.marketDataSequence);
            out.writeInt(market.book.restingOrderCount());
            market.book.forEachOrder(o -> out.writeLong(o.orderId()).writeLong(o.accountId()).writeInt(o.ownerTag())
                    .writeEnum(o.side()).writeBoolean(o.dayOrder()).writeLong(o.priceTicks()).writeLong(o.totalLots())
                    .writeLong(o.filledLots()));
            out.writeInt(market.stops.size());
            market.stops.forEach(stop -> {
                out.writeInt(stop.ownerShard());
                MessageCodec.write(out, stop.order());
            });
        }
    }

    private static void writeChannels(BinaryWriter out, Channels channels) {
        int[] destinations = channels.outboxes().keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        out.writeInt(destinations.length);
        for (int destination : destinations) {
            Outbox outbox = channels.outbox(destination);
            out.writeInt(destination).writeLong(outbox.firstSequence()).writeInt(outbox.size());
            for (long sequence = outbox.firstSequence(); sequence < outbox.nextSequence(); sequence++) {
                MessageCodec.write(out, outbox.message(sequence));
            }
        }
        long[] sources = channels.lastAppliedBySource().keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        out.writeInt(sources.length);
        for (long source : sources) {
            out.writeInt((int) source).writeLong(channels.lastApplied((int) source));
        }
    }

    // ---- reading (every version ever written) ----

    static ShardStateMachine read(byte[] snapshot, ShardLimits limits, ShardEvent.Sink events) {
        BinaryReader in = new BinaryReader(snapshot);
        if (in.readInt() != MAGIC) {
            throw new MalformedInputException("not a Bourse shard snapshot");
        }
        int version = in.readInt();
        if (version != 1) {
            throw new MalformedInputException("shard snapshot version " + version + " is newer than this release reads (1)");
        }
        ShardStateMachine machine = readVersion1(in, limits, events);
        if (!in.atEnd()) {
            throw new MalformedInputException(in.remaining() + " unexpected bytes after the snapshot");
        }
        machine.checkInvariants();
        return machine;
    }

    private static ShardStateMachine readVersion1(BinaryReader in, ShardLimits limits, ShardEvent.Sink events) {
        ShardStateMachine machine = new ShardStateMachine(in.readInt(), limits, events);
        ShardContext shard = machine.shard;
        shard.logTimeMillis = in.readLong();
        machine.accounts.orderSequence = in.readLong();
        machine.markets.tradeSequence = in.readLong();
        readRouting(in, machine);
        shard.ledger.readFrom(in);
        readAccounts(in, machine.accounts);
        readMarkets(in, machine.markets);
        readChannels(in, shard.channels);
        return machine;
    }

    private static void readRouting(BinaryReader in, ShardStateMachine machine) {
        ShardContext shard = machine.shard;
        for (int slot = 0; slot < Routing.SLOT_COUNT; slot++) {
            shard.routing.assignSlots(slot, slot, in.readInt());
        }
        int count = in.readCount(60);
        for (int i = 0; i < count; i++) {
            int marketShard = in.readInt();
            Instrument instrument = CommandCodec.readInstrument(in);
            shard.instruments.put(instrument.id(), instrument);
            shard.routing.assignMarket(instrument.id(), marketShard);
            if (marketShard == shard.shardId) {
                machine.markets.open(instrument.id());
            }
        }
    }

    private static void readAccounts(BinaryReader in, Accounts accounts) {
        int open = in.readCount(80);
        for (int i = 0; i < open; i++) {
            PlaceOrder request = readPlaceOrder(in);
            long orderId = in.readLong();
            long limitPriceTicks = in.readLong();
            long stopPriceTicks = in.readLong();
            AccountOrder order = new AccountOrder(orderId, request.accountId(), request.clientOrderId(),
                    request.instrumentId(), request.side(), request.type(), request.timeInForce(), limitPriceTicks,
                    stopPriceTicks, in.readLong(), request.postOnly());
            order.filledLots = in.readLong();
            order.status = in.readEnum(STATUSES);
            order.amendInFlight = in.readBoolean();
            accounts.restoreOpen(order, request);
        }
        int ended = in.readCount(60);
        for (int i = 0; i < ended; i++) {
            long endedAtMillis = in.readLong();
            long orderId = in.readLong();
            accounts.clientOrders.restoreEnded(readPlaceOrder(in), orderId, endedAtMillis);
        }
    }

    private static PlaceOrder readPlaceOrder(BinaryReader in) {
        return new PlaceOrder(in.readLong(), in.readString(), in.readInt(), in.readEnum(SIDES), in.readEnum(TYPES),
                in.readEnum(TIMES_IN_FORCE), in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
    }

    private static void readMarkets(BinaryReader in, Markets markets) {
        int count = in.readCount(24);
        for (int i = 0; i < count; i++) {
            Market market = markets.market(in.readInt());
            if (market == null) {
                throw new MalformedInputException("snapshot has a book for an instrument not held on this shard");
            }
            market.lastTradeTicks = in.readLong();
            market.marketDataSequence = in.readLong();
            OrderBook book = market.book;
            int resting = in.readCount(46);
            for (int j = 0; j < resting; j++) {
                book.restore(in.readLong(), in.readLong(), in.readInt(), in.readEnum(SIDES), in.readBoolean(),
                        in.readLong(), in.readLong(), in.readLong());
            }
            int stops = in.readCount(5);
            for (int j = 0; j < stops; j++) {
                int ownerShard = in.readInt();
                if (!(MessageCodec.read(in) instanceof Message.SubmitOrder order)) {
                    throw new MalformedInputException("a waiting stop that is not an order");
                }
                market.stops.add(new StopBook.Stop(order, ownerShard));
            }
        }
    }

    private static void readChannels(BinaryReader in, Channels channels) {
        int outboxes = in.readCount(16);
        for (int i = 0; i < outboxes; i++) {
            Outbox outbox = channels.outbox(in.readInt());
            outbox.resetFirstSequence(in.readLong());
            int size = in.readCount(1);
            for (int j = 0; j < size; j++) {
                outbox.append(MessageCodec.read(in));
            }
        }
        int sources = in.readCount(12);
        for (int i = 0; i < sources; i++) {
            channels.markApplied(in.readInt(), in.readLong());
        }
    }
}
