package io.bourse.core.shard;

import io.bourse.core.book.OrderBook;
import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.InKeyOrder;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.EndReason;
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
import java.util.function.BiConsumer;
import java.util.function.LongFunction;

/**
 * The versioned binary snapshot of a shard. Everything is written in a canonical order (sorted
 * by id, or in priority or age order where order matters), so equal states give equal bytes.
 *
 * <p>Format history: version 1 (first release); version 2 adds users and credentials, idempotency
 * keys, account history (ended orders, fills, positions), order fill totals and times, and market
 * data (day figures, recent trades, candles); version 3 keeps idempotency keys as their
 * {@link KeyDigest} instead of their text (a version 2 snapshot's keys are digested as they are
 * read); version 4 adds the last trading day ended by number and each account's recent deposits
 * and withdrawals (restored as none from an older version, which kept neither). A new version keeps
 * every older reader: a release must restore the snapshots of the ones before.
 */
final class ShardSnapshot {
    static final int MAGIC = 0x42525353; // "BRSS"
    static final int CURRENT_VERSION = 4;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final EndReason[] END_REASONS = EndReason.values();
    private static final CandleInterval[] INTERVALS = CandleInterval.values();

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
        BinaryWriter out = new BinaryWriter(64 * 1024);
        write(machine, out);
        return out.toByteArray();
    }

    /** Writes the whole state to {@code out}, which may be streaming (its caller flushes it). */
    static void write(ShardStateMachine machine, BinaryWriter out) {
        ShardContext shard = machine.shard;
        out.writeInt(MAGIC).writeInt(CURRENT_VERSION);
        out.writeInt(shard.shardId).writeLong(shard.logTimeMillis)
                .writeLong(machine.accounts.orderSequence).writeLong(machine.markets.tradeSequence);
        writeRouting(out, shard);
        shard.ledger.writeTo(out);
        writeAccounts(out, machine.accounts);
        writeMarkets(out, machine.markets);
        writeChannels(out, shard.channels);
        writeUsers(out, machine.users);
        writeIdempotencyKeys(out, machine.idempotencyKeys);
        writeHistory(out, machine.accounts.history);
        out.writeLong(machine.markets.lastEndedDay);
        writeTransfers(out, machine.accounts.history);
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
        List<AccountOrder> open = InKeyOrder.values(accounts.openOrders); // keyed by order id
        out.writeInt(open.size());
        for (AccountOrder order : open) {
            writePlaceOrder(out, order.clientOrderEntry.request);
            out.writeLong(order.orderId).writeLong(order.limitPriceTicks).writeLong(order.stopPriceTicks)
                    .writeLong(order.totalLots).writeLong(order.filledLots).writeEnum(order.status)
                    .writeBoolean(order.amendInFlight);
            out.writeLong(order.filledNotionalCents).writeLong(order.feesCents).writeLong(order.createdAtMillis)
                    .writeLong(order.updatedAtMillis);
        }
        out.writeInt(accounts.clientOrders.endedCount());
        accounts.clientOrders.forEachEndedOldestFirst(entry -> {
            out.writeLong(entry.endedAtMillis).writeLong(entry.orderId);
            writePlaceOrder(out, entry.request);
        });
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
            out.writeBoolean(market.halted);
            out.writeInt(market.book.restingOrderCount());
            market.book.forEachOrder(o -> out.writeLong(o.orderId()).writeLong(o.accountId()).writeInt(o.ownerTag())
                    .writeEnum(o.side()).writeBoolean(o.dayOrder()).writeLong(o.priceTicks()).writeLong(o.totalLots())
                    .writeLong(o.filledLots()));
            out.writeInt(market.stops.size());
            market.stops.forEach(stop -> {
                out.writeInt(stop.ownerShard());
                MessageCodec.write(out, stop.order());
            });
            writeMarketData(out, market.data);
        }
    }

    private static void writeMarketData(BinaryWriter out, MarketData data) {
        out.writeLong(data.previousCloseTicks).writeLong(data.openTicks).writeLong(data.highTicks).writeLong(data.lowTicks)
                .writeLong(data.volumeLots).writeLong(data.tradeCount);
        out.writeInt(data.recentTrades.size());
        for (TradeView t : data.recentTrades) {
            out.writeLong(t.tradeId()).writeLong(t.priceTicks()).writeLong(t.lots()).writeEnum(t.aggressorSide()).writeLong(t.atMillis());
        }
        for (CandleInterval interval : INTERVALS) {
            List<CandleView> candles = data.candles(interval);
            out.writeInt(candles.size());
            for (CandleView c : candles) {
                out.writeLong(c.startMillis()).writeLong(c.openTicks()).writeLong(c.highTicks()).writeLong(c.lowTicks())
                        .writeLong(c.closeTicks()).writeLong(c.volumeLots());
            }
        }
    }

    private static void writeUsers(BinaryWriter out, Users users) {
        long[] accounts = users.byAccount.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        out.writeInt(accounts.length);
        for (long accountId : accounts) {
            Users.User user = users.byAccount.get(accountId);
            out.writeLong(user.accountId).writeString(user.username).writeString(user.passwordDigest).writeLong(user.createdAtMillis);
            out.writeInt(user.credentials.size());
            for (UserView.Credential c : user.credentials) {
                out.writeLong(c.credentialId()).writeString(c.secretDigest()).writeInt(c.scopes()).writeLong(c.createdAtMillis())
                        .writeLong(c.expiresAtMillis()).writeString(c.label());
            }
        }
    }

    private static void writeIdempotencyKeys(BinaryWriter out, IdempotencyKeys keys) {
        out.writeInt(keys.size());
        keys.forEachOldestFirst(e -> {
            out.writeLong(e.accountId()).writeLong(e.key().high()).writeLong(e.key().low())
                    .writeLong(e.fingerprint()).writeLong(e.atMillis());
            CommandCodec.writeResult(out, e.result());
        });
    }

    private static void writeHistory(BinaryWriter out, AccountHistory history) {
        writePerAccount(out, history.accountsWithEndedOrders(), history::endedOrders, ShardSnapshot::writeEndedOrder);
        writePerAccount(out, history.accountsWithFills(), history::fills, (w, f) -> w.writeLong(f.fillId()).writeLong(f.orderId())
                .writeInt(f.instrumentId()).writeEnum(f.side()).writeLong(f.priceTicks()).writeLong(f.lots())
                .writeLong(f.notionalCents()).writeLong(f.feeCents()).writeBoolean(f.maker()).writeLong(f.atMillis()));
        List<PositionView> positions = history.allPositions();
        out.writeInt(positions.size());
        for (PositionView p : positions) {
            out.writeLong(p.accountId()).writeInt(p.instrumentId()).writeLong(p.costBasisCents()).writeLong(p.realizedPnlCents());
        }
    }

    private static void writeTransfers(BinaryWriter out, AccountHistory history) {
        writePerAccount(out, history.accountsWithTransfers(), history::transfers, (w, t) -> w.writeLong(t.transferId())
                .writeInt(t.asset()).writeBoolean(t.deposit()).writeLong(t.amount()).writeLong(t.atMillis()));
    }

    /** A count of accounts, then each account's id, the count of its records and the records. */
    private static <T> void writePerAccount(BinaryWriter out, long[] accounts, LongFunction<List<T>> records,
                                            BiConsumer<BinaryWriter, T> writer) {
        out.writeInt(accounts.length);
        for (long accountId : accounts) {
            List<T> ofAccount = records.apply(accountId);
            out.writeLong(accountId).writeInt(ofAccount.size());
            for (T record : ofAccount) {
                writer.accept(out, record);
            }
        }
    }

    private static void writeEndedOrder(BinaryWriter out, OrderView o) {
        out.writeLong(o.orderId()).writeLong(o.accountId()).writeString(o.clientOrderId()).writeInt(o.instrumentId())
                .writeEnum(o.side()).writeEnum(o.type()).writeEnum(o.timeInForce()).writeEnum(o.status())
                .writeLong(o.limitPriceTicks()).writeLong(o.stopPriceTicks()).writeLong(o.totalLots()).writeLong(o.filledLots())
                .writeLong(o.filledNotionalCents()).writeLong(o.feesCents()).writeLong(o.createdAtMillis())
                .writeLong(o.updatedAtMillis()).writeEnum(o.endReason());
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
        if (version < 1 || version > CURRENT_VERSION) {
            throw new MalformedInputException("shard snapshot version " + version + " is not one this release reads (1.."
                    + CURRENT_VERSION + ")");
        }
        ShardStateMachine machine = readVersion(in, version, limits, events);
        if (!in.atEnd()) {
            throw new MalformedInputException(in.remaining() + " unexpected bytes after the snapshot");
        }
        machine.checkInvariants();
        return machine;
    }

    private static ShardStateMachine readVersion(BinaryReader in, int version, ShardLimits limits, ShardEvent.Sink events) {
        ShardStateMachine machine = new ShardStateMachine(in.readInt(), limits, events);
        ShardContext shard = machine.shard;
        shard.logTimeMillis = in.readLong();
        machine.accounts.orderSequence = in.readLong();
        machine.markets.tradeSequence = in.readLong();
        readRouting(in, machine);
        shard.ledger.readFrom(in);
        readAccounts(in, version, machine.accounts);
        readMarkets(in, version, machine.markets);
        readChannels(in, shard.channels);
        if (version >= 2) {
            readUsers(in, machine.users);
            readIdempotencyKeys(in, version, machine.idempotencyKeys);
            readHistory(in, machine.accounts.history);
        }
        if (version >= 4) {
            machine.markets.lastEndedDay = in.readLong();
            readTransfers(in, machine.accounts.history);
        }
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

    private static void readAccounts(BinaryReader in, int version, Accounts accounts) {
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
            if (version >= 2) {
                order.filledNotionalCents = in.readLong();
                order.feesCents = in.readLong();
                order.createdAtMillis = in.readLong();
                order.updatedAtMillis = in.readLong();
            }
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

    private static void readMarkets(BinaryReader in, int version, Markets markets) {
        int count = in.readCount(24);
        for (int i = 0; i < count; i++) {
            Market market = markets.market(in.readInt());
            if (market == null) {
                throw new MalformedInputException("snapshot has a book for an instrument not held on this shard");
            }
            market.lastTradeTicks = in.readLong();
            market.marketDataSequence = in.readLong();
            if (version >= 2) {
                market.halted = in.readBoolean();
            }
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
            if (version >= 2) {
                readMarketData(in, market.data);
            }
        }
    }

    private static void readMarketData(BinaryReader in, MarketData data) {
        data.previousCloseTicks = in.readLong();
        data.openTicks = in.readLong();
        data.highTicks = in.readLong();
        data.lowTicks = in.readLong();
        data.volumeLots = in.readLong();
        data.tradeCount = in.readLong();
        int trades = in.readCount(33);
        for (int i = 0; i < trades; i++) {
            data.recentTrades.addLast(new TradeView(in.readLong(), in.readLong(), in.readLong(), in.readEnum(SIDES), in.readLong()));
        }
        for (CandleInterval interval : INTERVALS) {
            int candles = in.readCount(48);
            for (int i = 0; i < candles; i++) {
                data.candles.get(interval).addLast(new CandleView(in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readLong(), in.readLong()));
            }
        }
    }

    private static void readUsers(BinaryReader in, Users users) {
        int count = in.readCount(28);
        for (int i = 0; i < count; i++) {
            Users.User user = new Users.User(in.readLong(), in.readString(), in.readString(), in.readLong());
            int credentials = in.readCount(32);
            for (int j = 0; j < credentials; j++) {
                user.credentials.add(new UserView.Credential(in.readLong(), in.readString(), in.readInt(), in.readLong(),
                        in.readLong(), in.readString()));
            }
            users.byAccount.put(user.accountId, user);
        }
    }

    private static void readIdempotencyKeys(BinaryReader in, int version, IdempotencyKeys keys) {
        int count = in.readCount(version >= 3 ? 50 : 38);
        for (int i = 0; i < count; i++) {
            long accountId = in.readLong();
            KeyDigest key = version >= 3 ? new KeyDigest(in.readLong(), in.readLong()) : KeyDigest.of(in.readString());
            long fingerprint = in.readLong();
            long atMillis = in.readLong();
            keys.remember(new IdempotencyKeys.Entry(accountId, key, fingerprint, CommandCodec.readResult(in), atMillis));
        }
    }

    private static void readHistory(BinaryReader in, AccountHistory history) {
        int accounts = in.readCount(12);
        for (int i = 0; i < accounts; i++) {
            in.readLong();
            int count = in.readCount(90);
            for (int j = 0; j < count; j++) {
                history.orderEnded(new OrderView(in.readLong(), in.readLong(), in.readString(), in.readInt(), in.readEnum(SIDES),
                        in.readEnum(TYPES), in.readEnum(TIMES_IN_FORCE), in.readEnum(STATUSES), in.readLong(), in.readLong(),
                        in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                        in.readEnum(END_REASONS)));
            }
        }
        accounts = in.readCount(12);
        for (int i = 0; i < accounts; i++) {
            long accountId = in.readLong();
            int count = in.readCount(60);
            for (int j = 0; j < count; j++) {
                history.filled(accountId, new FillView(in.readLong(), in.readLong(), in.readInt(), in.readEnum(SIDES),
                        in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean(), in.readLong()));
            }
        }
        int positions = in.readCount(28);
        for (int i = 0; i < positions; i++) {
            history.restorePosition(new PositionView(in.readLong(), in.readInt(), in.readLong(), in.readLong()));
        }
    }

    private static void readTransfers(BinaryReader in, AccountHistory history) {
        int accounts = in.readCount(12);
        for (int i = 0; i < accounts; i++) {
            long accountId = in.readLong();
            int count = in.readCount(29);
            for (int j = 0; j < count; j++) {
                history.transferred(accountId, new TransferView(in.readLong(), in.readInt(), in.readBoolean(), in.readLong(), in.readLong()));
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
