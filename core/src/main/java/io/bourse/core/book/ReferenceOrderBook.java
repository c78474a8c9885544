package io.bourse.core.book;

import io.bourse.core.order.EndReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The obviously-correct order book: sorted maps of FIFO queues. Slow, and kept that way; the
 * fast book must produce exactly the same events on every stream of commands.
 */
public final class ReferenceOrderBook implements OrderBook {
    private final NavigableMap<Long, ArrayDeque<BookOrder>> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<Long, ArrayDeque<BookOrder>> asks = new TreeMap<>();
    private final Map<Long, BookOrder> orders = new HashMap<>();

    @Override
    public Placement place(long orderId, long accountId, int ownerTag, Side side, long limitPriceTicks, long lots,
                           TimeInForce timeInForce, boolean postOnly, MatchListener listener) {
        if (orders.containsKey(orderId)) {
            throw new IllegalArgumentException("order " + orderId + " already rests in this book");
        }
        if (postOnly && wouldTrade(side, limitPriceTicks)) {
            return Placement.POST_ONLY_REJECTED;
        }
        if (timeInForce == TimeInForce.FILL_OR_KILL && fillableLots(side, limitPriceTicks, accountId) < lots) {
            return Placement.KILLED;
        }
        BookOrder taker = new BookOrder(orderId, accountId, ownerTag, side, timeInForce == TimeInForce.DAY, limitPriceTicks, lots, 0);
        match(taker, listener);
        if (taker.openLots() == 0) {
            return Placement.FILLED;
        }
        if (!timeInForce.rests()) {
            return Placement.REMAINDER_CANCELED;
        }
        rest(taker);
        return Placement.RESTED;
    }

    @Override
    public BookOrder cancel(long orderId) {
        BookOrder order = orders.get(orderId);
        if (order != null) {
            unrest(order);
        }
        return order;
    }

    @Override
    public boolean reduce(long orderId, long newTotalLots) {
        BookOrder order = orders.get(orderId);
        if (order == null || newTotalLots <= order.filledLots || newTotalLots >= order.totalLots) {
            return false;
        }
        order.totalLots = newTotalLots;
        return true;
    }

    @Override
    public Placement amend(long orderId, long newPriceTicks, long newTotalLots, MatchListener listener) {
        BookOrder order = orders.get(orderId);
        if (order == null) {
            return Placement.UNKNOWN_ORDER;
        }
        if (newTotalLots <= order.filledLots) {
            throw new IllegalArgumentException("amended total " + newTotalLots + " does not exceed filled " + order.filledLots);
        }
        unrest(order);
        order.priceTicks = newPriceTicks;
        order.totalLots = newTotalLots;
        match(order, listener);
        if (order.openLots() == 0) {
            return Placement.FILLED;
        }
        rest(order);
        return Placement.RESTED;
    }

    @Override
    public void expireDayOrders(MatchListener listener) {
        List<BookOrder> expiring = new ArrayList<>();
        forEachOrder(order -> {
            if (order.dayOrder) {
                expiring.add(order);
            }
        });
        for (BookOrder order : expiring) {
            unrest(order);
            listener.onRestingRemoved(order, EndReason.DAY_ENDED);
        }
    }

    @Override
    public BookOrder find(long orderId) {
        return orders.get(orderId);
    }

    @Override
    public long bestBidTicks() {
        return bids.isEmpty() ? 0 : bids.firstKey();
    }

    @Override
    public long bestAskTicks() {
        return asks.isEmpty() ? 0 : asks.firstKey();
    }

    @Override
    public int restingOrderCount() {
        return orders.size();
    }

    @Override
    public void forEachLevel(Side side, int maxLevels, LevelVisitor visitor) {
        int visited = 0;
        for (Map.Entry<Long, ArrayDeque<BookOrder>> level : sideOf(side).entrySet()) {
            if (visited++ == maxLevels) {
                return;
            }
            long openLots = 0;
            for (BookOrder order : level.getValue()) {
                openLots += order.openLots();
            }
            visitor.visit(level.getKey(), openLots, level.getValue().size());
        }
    }

    @Override
    public void visitLevel(Side side, long priceTicks, LevelVisitor visitor) {
        ArrayDeque<BookOrder> level = sideOf(side).get(priceTicks);
        long openLots = 0;
        if (level != null) {
            for (BookOrder order : level) {
                openLots += order.openLots();
            }
        }
        visitor.visit(priceTicks, openLots, level == null ? 0 : level.size());
    }

    @Override
    public void forEachOrder(Consumer<BookOrder> visitor) {
        bids.values().forEach(queue -> queue.forEach(visitor));
        asks.values().forEach(queue -> queue.forEach(visitor));
    }

    @Override
    public void restore(long orderId, long accountId, int ownerTag, Side side, boolean dayOrder, long priceTicks,
                        long totalLots, long filledLots) {
        rest(new BookOrder(orderId, accountId, ownerTag, side, dayOrder, priceTicks, totalLots, filledLots));
    }

    private void match(BookOrder taker, MatchListener listener) {
        NavigableMap<Long, ArrayDeque<BookOrder>> opposite = sideOf(taker.side.opposite());
        while (taker.openLots() > 0 && !opposite.isEmpty()) {
            Map.Entry<Long, ArrayDeque<BookOrder>> best = opposite.firstEntry();
            if (!crosses(taker.side, taker.priceTicks, best.getKey())) {
                return;
            }
            BookOrder maker = best.getValue().peekFirst();
            if (maker.accountId == taker.accountId) {
                unrest(maker);
                listener.onRestingRemoved(maker, EndReason.SELF_TRADE_PREVENTED);
                continue;
            }
            long lots = Math.min(taker.openLots(), maker.openLots());
            maker.filledLots += lots;
            taker.filledLots += lots;
            if (maker.openLots() == 0) {
                unrest(maker);
            }
            listener.onTrade(maker, taker.orderId, taker.accountId, maker.priceTicks, lots);
        }
    }

    private boolean wouldTrade(Side side, long limitPriceTicks) {
        NavigableMap<Long, ArrayDeque<BookOrder>> opposite = sideOf(side.opposite());
        return !opposite.isEmpty() && crosses(side, limitPriceTicks, opposite.firstKey());
    }

    private long fillableLots(Side side, long limitPriceTicks, long accountId) {
        long lots = 0;
        for (Map.Entry<Long, ArrayDeque<BookOrder>> level : sideOf(side.opposite()).entrySet()) {
            if (!crosses(side, limitPriceTicks, level.getKey())) {
                break;
            }
            for (BookOrder maker : level.getValue()) {
                if (maker.accountId != accountId) {
                    lots += maker.openLots();
                }
            }
        }
        return lots;
    }

    private static boolean crosses(Side takerSide, long takerLimitTicks, long makerPriceTicks) {
        return takerSide == Side.BUY ? makerPriceTicks <= takerLimitTicks : makerPriceTicks >= takerLimitTicks;
    }

    private void rest(BookOrder order) {
        sideOf(order.side).computeIfAbsent(order.priceTicks, price -> new ArrayDeque<>()).addLast(order);
        orders.put(order.orderId, order);
    }

    private void unrest(BookOrder order) {
        NavigableMap<Long, ArrayDeque<BookOrder>> side = sideOf(order.side);
        ArrayDeque<BookOrder> queue = side.get(order.priceTicks);
        queue.remove(order);
        if (queue.isEmpty()) {
            side.remove(order.priceTicks);
        }
        orders.remove(order.orderId);
    }

    private NavigableMap<Long, ArrayDeque<BookOrder>> sideOf(Side side) {
        return side == Side.BUY ? bids : asks;
    }
}
