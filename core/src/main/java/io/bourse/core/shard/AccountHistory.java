package io.bourse.core.shard;

import io.bourse.core.codec.InKeyOrder;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What an account has done, kept next to its balances: recently ended orders, recent fills and
 * recent deposits and withdrawals (each bounded per account; the oldest are forgotten), and the
 * cost basis and realized P&L of each position. Replicated like everything else, so any replica
 * can answer for it.
 */
final class AccountHistory {
    static final class Position {
        long costBasisCents;
        long realizedPnlCents;
    }

    /**
     * All of one account's history, found with one lookup: settling a fill writes the fill, moves
     * the position and often ends the order, and with a map for each of these (and a TreeMap of
     * positions) that was three lookups, each a likely cache miss among thousands of accounts.
     * Measured on the engine benchmark, one record cut the apply threads' samples in this class by
     * a fifth.
     */
    private static final class OfAccount {
        /** Stands for an account with no history at all: a reader looks an account up once, and never gets null. */
        static final OfAccount NONE = new OfAccount(0);

        final long accountId;
        /** Ended orders packed as {@link EndedOrders} records; null until the first. */
        HistoryRing endedOrders;
        /** Fills packed as {@link Fills} records; null until the first. */
        HistoryRing fills;
        /** Deposits and withdrawals packed as {@link Transfers} records; null until the first. */
        HistoryRing transfers;
        /** Positions by instrument id; null until the first. */
        Int2ObjectHashMap<Position> positions;

        OfAccount(long accountId) {
            this.accountId = accountId;
        }
    }

    private final ShardLimits limits;
    private final Long2ObjectHashMap<OfAccount> accounts = new Long2ObjectHashMap<>();
    private final long[] packedClientOrderId = new long[PackedText.FIELDS];

    AccountHistory(ShardLimits limits) {
        this.limits = limits;
    }

    void orderEnded(OrderView order) {
        PackedText.pack(order.clientOrderId(), packedClientOrderId); // first: an id that cannot be packed changes nothing
        OfAccount account = ofAccount(order.accountId());
        if (account.endedOrders == null) {
            account.endedOrders = new HistoryRing(EndedOrders.WIDTH, limits.endedOrdersPerAccount());
        }
        HistoryRing ring = account.endedOrders;
        EndedOrders.write(ring, ring.append(), order, packedClientOrderId);
    }

    void filled(long accountId, FillView fill) {
        OfAccount account = ofAccount(accountId);
        if (account.fills == null) {
            account.fills = new HistoryRing(Fills.WIDTH, limits.fillsPerAccount());
        }
        HistoryRing ring = account.fills;
        Fills.write(ring, ring.append(), fill);
    }

    void transferred(long accountId, TransferView transfer) {
        OfAccount account = ofAccount(accountId);
        if (account.transfers == null) {
            account.transfers = new HistoryRing(Transfers.WIDTH, limits.transfersPerAccount());
        }
        HistoryRing ring = account.transfers;
        Transfers.write(ring, ring.append(), transfer);
    }

    private OfAccount ofAccount(long accountId) {
        OfAccount account = accounts.get(accountId);
        if (account == null) {
            account = new OfAccount(accountId);
            accounts.put(accountId, account);
        }
        return account;
    }

    /** Shares bought: their cost, fee included, joins the basis. */
    void bought(long accountId, int instrumentId, long costCents) {
        position(accountId, instrumentId).costBasisCents += costCents;
    }

    /**
     * Shares sold (or withdrawn, with no proceeds): they take their average cost out of the basis;
     * {@code proceedsCents} minus that cost is realized.
     */
    void sold(long accountId, int instrumentId, long sharesBefore, long sharesSold, long proceedsCents) {
        Position position = position(accountId, instrumentId);
        long costOut = sharesBefore == sharesSold ? position.costBasisCents
                : proportion(position.costBasisCents, sharesSold, sharesBefore);
        position.costBasisCents -= costOut;
        position.realizedPnlCents += proceedsCents - costOut;
    }

    /** {@code amount × numerator / denominator}, rounded down, without overflow. */
    private static long proportion(long amount, long numerator, long denominator) {
        long high = Math.multiplyHigh(amount, numerator);
        long low = amount * numerator;
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) {
            return Math.floorDiv(low, denominator);
        }
        return BigInteger.valueOf(amount).multiply(BigInteger.valueOf(numerator))
                .divide(BigInteger.valueOf(denominator)).longValueExact();
    }

    /** Shares withdrawn: they take their average cost out of the basis, realizing nothing. */
    void withdrawn(long accountId, int instrumentId, long sharesBefore, long shares) {
        Position position = position(accountId, instrumentId);
        position.costBasisCents -= sharesBefore == shares ? position.costBasisCents
                : proportion(position.costBasisCents, shares, sharesBefore);
    }

    private Position position(long accountId, int instrumentId) {
        OfAccount account = ofAccount(accountId);
        if (account.positions == null) {
            account.positions = new Int2ObjectHashMap<>();
        }
        Position position = account.positions.get(instrumentId);
        if (position == null) {
            position = new Position();
            account.positions.put(instrumentId, position);
        }
        return position;
    }

    /** The account's history, or {@link OfAccount#NONE}; for reading only. */
    private OfAccount read(long accountId) {
        return accounts.getOrDefault(accountId, OfAccount.NONE);
    }

    List<OrderView> endedOrders(long accountId) {
        return oldestFirst(read(accountId).endedOrders, (ring, slot) -> EndedOrders.read(ring, slot, accountId));
    }

    /** Every record of a ring (none when it is null), read with {@code reader}, oldest first. */
    private static <T> List<T> oldestFirst(HistoryRing ring, RecordReader<T> reader) {
        if (ring == null) {
            return List.of();
        }
        List<T> views = new ArrayList<>(ring.size());
        for (int i = 0; i < ring.size(); i++) {
            views.add(reader.read(ring, ring.slot(i)));
        }
        return views;
    }

    private interface RecordReader<T> {
        T read(HistoryRing ring, int slot);
    }

    /** One recently ended order of an account, or null. */
    OrderView endedOrder(long accountId, long orderId) {
        HistoryRing ring = read(accountId).endedOrders;
        if (ring != null) {
            for (int i = ring.size() - 1; i >= 0; i--) {
                int slot = ring.slot(i);
                if (ring.get(slot, EndedOrders.ORDER_ID) == orderId) {
                    return EndedOrders.read(ring, slot, accountId);
                }
            }
        }
        return null;
    }

    List<FillView> fills(long accountId) {
        return oldestFirst(read(accountId).fills, Fills::read);
    }

    /** The account's kept deposits and withdrawals, oldest first. */
    List<TransferView> transfers(long accountId) {
        return oldestFirst(read(accountId).transfers, Transfers::read);
    }

    /** The account's positions, in instrument order. */
    List<PositionView> positions(long accountId) {
        Int2ObjectHashMap<Position> ofAccount = read(accountId).positions;
        if (ofAccount == null) {
            return List.of();
        }
        List<PositionView> views = new ArrayList<>(ofAccount.size());
        for (int instrumentId : InKeyOrder.keys(ofAccount)) {
            Position position = ofAccount.get(instrumentId);
            views.add(new PositionView(accountId, instrumentId, position.costBasisCents, position.realizedPnlCents));
        }
        return views;
    }

    /** The accounts with ended orders kept, in id order: the snapshot order. */
    long[] accountsWithEndedOrders() {
        return InKeyOrder.values(accounts).stream().filter(a -> a.endedOrders != null).mapToLong(a -> a.accountId).toArray();
    }

    /** The accounts with fills kept, in id order: the snapshot order. */
    long[] accountsWithFills() {
        return InKeyOrder.values(accounts).stream().filter(a -> a.fills != null).mapToLong(a -> a.accountId).toArray();
    }

    /** The accounts with deposits or withdrawals kept, in id order: the snapshot order. */
    long[] accountsWithTransfers() {
        return InKeyOrder.values(accounts).stream().filter(a -> a.transfers != null).mapToLong(a -> a.accountId).toArray();
    }

    /** Every position, in (account, instrument) order: the snapshot order. */
    List<PositionView> allPositions() {
        List<PositionView> views = new ArrayList<>();
        for (OfAccount account : InKeyOrder.values(accounts)) {
            views.addAll(positions(account.accountId));
        }
        return views;
    }

    void restorePosition(PositionView view) {
        Position position = position(view.accountId(), view.instrumentId());
        position.costBasisCents = view.costBasisCents();
        position.realizedPnlCents = view.realizedPnlCents();
    }

    /** How an ended order is packed into a record of {@link HistoryRing}, its client order id as {@link PackedText}. */
    private static final class EndedOrders {
        static final int ORDER_ID = 0;
        static final int INSTRUMENT = 1;
        /** side, type, time in force, status and end reason (plus one; 0 for none), a byte each. */
        static final int ENUMS = 2;
        static final int LIMIT = 3;
        static final int STOP = 4;
        static final int TOTAL = 5;
        static final int FILLED = 6;
        static final int NOTIONAL = 7;
        static final int FEES = 8;
        static final int CREATED = 9;
        static final int UPDATED = 10;
        static final int CLIENT_ORDER_ID = 11;
        static final int WIDTH = CLIENT_ORDER_ID + PackedText.FIELDS;

        private static final Side[] SIDES = Side.values();
        private static final OrderType[] TYPES = OrderType.values();
        private static final TimeInForce[] TIFS = TimeInForce.values();
        private static final OrderStatus[] STATUSES = OrderStatus.values();
        private static final EndReason[] REASONS = EndReason.values();

        static void write(HistoryRing ring, int slot, OrderView order, long[] packedClientOrderId) {
            ring.set(slot, ORDER_ID, order.orderId());
            ring.set(slot, INSTRUMENT, order.instrumentId());
            long reason = order.endReason() == null ? 0 : order.endReason().ordinal() + 1;
            ring.set(slot, ENUMS, order.side().ordinal() | (long) order.type().ordinal() << 8 | (long) order.timeInForce().ordinal() << 16
                    | (long) order.status().ordinal() << 24 | reason << 32);
            ring.set(slot, LIMIT, order.limitPriceTicks());
            ring.set(slot, STOP, order.stopPriceTicks());
            ring.set(slot, TOTAL, order.totalLots());
            ring.set(slot, FILLED, order.filledLots());
            ring.set(slot, NOTIONAL, order.filledNotionalCents());
            ring.set(slot, FEES, order.feesCents());
            ring.set(slot, CREATED, order.createdAtMillis());
            ring.set(slot, UPDATED, order.updatedAtMillis());
            PackedText.write(ring, slot, CLIENT_ORDER_ID, packedClientOrderId);
        }

        static OrderView read(HistoryRing ring, int slot, long accountId) {
            long enums = ring.get(slot, ENUMS);
            int reason = (int) (enums >>> 32 & 0xFF);
            return new OrderView(ring.get(slot, ORDER_ID), accountId, PackedText.read(ring, slot, CLIENT_ORDER_ID), (int) ring.get(slot, INSTRUMENT),
                    SIDES[(int) (enums & 0xFF)], TYPES[(int) (enums >>> 8 & 0xFF)], TIFS[(int) (enums >>> 16 & 0xFF)],
                    STATUSES[(int) (enums >>> 24 & 0xFF)], ring.get(slot, LIMIT), ring.get(slot, STOP), ring.get(slot, TOTAL),
                    ring.get(slot, FILLED), ring.get(slot, NOTIONAL), ring.get(slot, FEES), ring.get(slot, CREATED),
                    ring.get(slot, UPDATED), reason == 0 ? null : REASONS[reason - 1]);
        }
    }

    /** How a fill is packed into a record of {@link HistoryRing}. */
    private static final class Fills {
        static final int FILL_ID = 0;
        static final int ORDER_ID = 1;
        static final int INSTRUMENT = 2;
        /** side, and 1 << 8 when it was the maker. */
        static final int SIDE_AND_MAKER = 3;
        static final int PRICE = 4;
        static final int LOTS = 5;
        static final int NOTIONAL = 6;
        static final int FEE = 7;
        static final int AT = 8;
        static final int WIDTH = 9;

        private static final Side[] SIDES = Side.values();

        static void write(HistoryRing ring, int slot, FillView fill) {
            ring.set(slot, FILL_ID, fill.fillId());
            ring.set(slot, ORDER_ID, fill.orderId());
            ring.set(slot, INSTRUMENT, fill.instrumentId());
            ring.set(slot, SIDE_AND_MAKER, fill.side().ordinal() | (fill.maker() ? 1L << 8 : 0));
            ring.set(slot, PRICE, fill.priceTicks());
            ring.set(slot, LOTS, fill.lots());
            ring.set(slot, NOTIONAL, fill.notionalCents());
            ring.set(slot, FEE, fill.feeCents());
            ring.set(slot, AT, fill.atMillis());
        }

        static FillView read(HistoryRing ring, int slot) {
            long sideAndMaker = ring.get(slot, SIDE_AND_MAKER);
            return new FillView(ring.get(slot, FILL_ID), ring.get(slot, ORDER_ID), (int) ring.get(slot, INSTRUMENT),
                    SIDES[(int) (sideAndMaker & 0xFF)], ring.get(slot, PRICE), ring.get(slot, LOTS), ring.get(slot, NOTIONAL),
                    ring.get(slot, FEE), (sideAndMaker & 1L << 8) != 0, ring.get(slot, AT));
        }
    }

    /** How a deposit or withdrawal is packed into a record of {@link HistoryRing}. */
    private static final class Transfers {
        static final int TRANSFER_ID = 0;
        /** The asset, and 1 << 32 for a deposit. */
        static final int ASSET_AND_DIRECTION = 1;
        static final int AMOUNT = 2;
        static final int AT = 3;
        static final int WIDTH = 4;

        static void write(HistoryRing ring, int slot, TransferView transfer) {
            ring.set(slot, TRANSFER_ID, transfer.transferId());
            ring.set(slot, ASSET_AND_DIRECTION, Integer.toUnsignedLong(transfer.asset()) | (transfer.deposit() ? 1L << 32 : 0));
            ring.set(slot, AMOUNT, transfer.amount());
            ring.set(slot, AT, transfer.atMillis());
        }

        static TransferView read(HistoryRing ring, int slot) {
            long assetAndDirection = ring.get(slot, ASSET_AND_DIRECTION);
            return new TransferView(ring.get(slot, TRANSFER_ID), (int) assetAndDirection, (assetAndDirection & 1L << 32) != 0,
                    ring.get(slot, AMOUNT), ring.get(slot, AT));
        }
    }
}
