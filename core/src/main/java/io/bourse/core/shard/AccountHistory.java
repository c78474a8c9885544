package io.bourse.core.shard;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * What an account has done, kept next to its balances: recently ended orders, recent fills
 * (both bounded per account; the oldest are forgotten), and the cost basis and realized P&L of
 * each position. Replicated like everything else, so any replica can answer for it.
 */
final class AccountHistory {
    static final class Position {
        long costBasisCents;
        long realizedPnlCents;
    }

    private final ShardLimits limits;
    final Long2ObjectHashMap<ArrayDeque<OrderView>> endedOrders = new Long2ObjectHashMap<>();
    final Long2ObjectHashMap<ArrayDeque<FillView>> fills = new Long2ObjectHashMap<>();
    /** Per account, its positions by instrument id. */
    final Long2ObjectHashMap<TreeMap<Integer, Position>> positions = new Long2ObjectHashMap<>();

    AccountHistory(ShardLimits limits) {
        this.limits = limits;
    }

    void orderEnded(OrderView order) {
        append(endedOrders, order.accountId(), order, limits.endedOrdersPerAccount());
    }

    void filled(long accountId, FillView fill) {
        append(fills, accountId, fill, limits.fillsPerAccount());
    }

    private static <T> void append(Long2ObjectHashMap<ArrayDeque<T>> lists, long accountId, T item, int bound) {
        ArrayDeque<T> list = lists.get(accountId);
        if (list == null) {
            list = new ArrayDeque<>();
            lists.put(accountId, list);
        }
        if (list.size() == bound) {
            list.pollFirst();
        }
        list.addLast(item);
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
        TreeMap<Integer, Position> ofAccount = positions.get(accountId);
        if (ofAccount == null) {
            ofAccount = new TreeMap<>();
            positions.put(accountId, ofAccount);
        }
        return ofAccount.computeIfAbsent(instrumentId, id -> new Position());
    }

    List<OrderView> endedOrders(long accountId) {
        ArrayDeque<OrderView> list = endedOrders.get(accountId);
        return list == null ? List.of() : List.copyOf(list);
    }

    /** One recently ended order of an account, or null. */
    OrderView endedOrder(long accountId, long orderId) {
        ArrayDeque<OrderView> list = endedOrders.get(accountId);
        if (list != null) {
            for (OrderView order : list) {
                if (order.orderId() == orderId) {
                    return order;
                }
            }
        }
        return null;
    }

    List<FillView> fills(long accountId) {
        ArrayDeque<FillView> list = fills.get(accountId);
        return list == null ? List.of() : List.copyOf(list);
    }

    List<PositionView> positions(long accountId) {
        List<PositionView> views = new ArrayList<>();
        TreeMap<Integer, Position> ofAccount = positions.get(accountId);
        if (ofAccount != null) {
            ofAccount.forEach((instrumentId, position) -> views.add(
                    new PositionView(accountId, instrumentId, position.costBasisCents, position.realizedPnlCents)));
        }
        return views;
    }

    /** Every position, in (account, instrument) order: the snapshot order. */
    List<PositionView> allPositions() {
        long[] accounts = positions.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        List<PositionView> views = new ArrayList<>();
        for (long accountId : accounts) {
            views.addAll(positions(accountId));
        }
        return views;
    }

    void restorePosition(PositionView view) {
        Position position = position(view.accountId(), view.instrumentId());
        position.costBasisCents = view.costBasisCents();
        position.realizedPnlCents = view.realizedPnlCents();
    }
}
