package io.bourse.core.book;

import io.bourse.core.order.EndReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The fast order book: per side a sorted array of price levels, each an intrusive FIFO queue of
 * orders, and an open-addressing map from order id to order. No allocation on the hot path apart
 * from the order itself and a level when a new price appears.
 */
public final class PriceTimeOrderBook implements OrderBook {
    private final BookSide bids = new BookSide(true);
    private final BookSide asks = new BookSide(false);
    private final OrderIndex orders = new OrderIndex();

    @Override
    public Placement place(long orderId, long accountId, int ownerTag, Side side, long limitPriceTicks, long lots,
                           TimeInForce timeInForce, boolean postOnly, MatchListener listener) {
        if (orders.containsKey(orderId)) {
            throw new IllegalArgumentException("order " + orderId + " already rests in this book");
        }
        if (postOnly && wouldTrade(side, limitPriceTicks)) {
            return Placement.POST_ONLY_REJECTED;
        }
        if (timeInForce == TimeInForce.FILL_OR_KILL && !canFillInFull(side, limitPriceTicks, lots, accountId)) {
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
        BookOrder order = orders.remove(orderId);
        if (order != null) {
            unlink(order);
        }
        return order;
    }

    @Override
    public boolean reduce(long orderId, long newTotalLots) {
        BookOrder order = orders.get(orderId);
        if (order == null || newTotalLots <= order.filledLots || newTotalLots >= order.totalLots) {
            return false;
        }
        order.level.openLots -= order.totalLots - newTotalLots;
        order.totalLots = newTotalLots;
        return true;
    }

    @Override
    public Placement amend(long orderId, long newPriceTicks, long newTotalLots, MatchListener listener) {
        BookOrder order = orders.get(orderId);
        return order == null ? Placement.UNKNOWN_ORDER : amend(order, newPriceTicks, newTotalLots, listener);
    }

    @Override
    public Placement amend(BookOrder order, long newPriceTicks, long newTotalLots, MatchListener listener) {
        long orderId = order.orderId;
        if (newTotalLots <= order.filledLots) {
            throw new IllegalArgumentException("amended total " + newTotalLots + " does not exceed filled " + order.filledLots);
        }
        // The order keeps its id-map entry throughout: only its place in the levels changes.
        unlink(order);
        order.priceTicks = newPriceTicks;
        order.totalLots = newTotalLots;
        match(order, listener);
        if (order.openLots() == 0) {
            orders.remove(orderId);
            return Placement.FILLED;
        }
        sideOf(order.side).levelAtOrCreate(order.priceTicks).append(order);
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
            cancel(order.orderId);
            listener.onRestingRemoved(order, EndReason.DAY_ENDED);
        }
    }

    @Override
    public BookOrder find(long orderId) {
        return orders.get(orderId);
    }

    @Override
    public long bestBidTicks() {
        PriceLevel best = bids.best();
        return best == null ? 0 : best.priceTicks;
    }

    @Override
    public long bestAskTicks() {
        PriceLevel best = asks.best();
        return best == null ? 0 : best.priceTicks;
    }

    @Override
    public int restingOrderCount() {
        return orders.size();
    }

    @Override
    public void forEachLevel(Side side, int maxLevels, LevelVisitor visitor) {
        BookSide bookSide = sideOf(side);
        int count = Math.min(maxLevels, bookSide.levelCount());
        for (int i = 0; i < count; i++) {
            PriceLevel level = bookSide.fromBest(i);
            visitor.visit(level.priceTicks, level.openLots, level.orderCount);
        }
    }

    @Override
    public void visitLevel(Side side, long priceTicks, LevelVisitor visitor) {
        PriceLevel level = sideOf(side).levelAt(priceTicks);
        visitor.visit(priceTicks, level == null ? 0 : level.openLots, level == null ? 0 : level.orderCount);
    }

    @Override
    public void forEachOrder(Consumer<BookOrder> visitor) {
        forEachOrder(bids, visitor);
        forEachOrder(asks, visitor);
    }

    private static void forEachOrder(BookSide side, Consumer<BookOrder> visitor) {
        for (int i = 0; i < side.levelCount(); i++) {
            for (BookOrder order = side.fromBest(i).head; order != null; order = order.next) {
                visitor.accept(order);
            }
        }
    }

    @Override
    public void restore(long orderId, long accountId, int ownerTag, Side side, boolean dayOrder, long priceTicks,
                        long totalLots, long filledLots) {
        rest(new BookOrder(orderId, accountId, ownerTag, side, dayOrder, priceTicks, totalLots, filledLots));
    }

    private void match(BookOrder taker, MatchListener listener) {
        BookSide opposite = sideOf(taker.side.opposite());
        while (taker.openLots() > 0) {
            PriceLevel level = opposite.best();
            if (level == null || !crosses(taker.side, taker.priceTicks, level.priceTicks)) {
                return;
            }
            BookOrder maker = level.head;
            if (maker.accountId == taker.accountId) {
                cancel(maker.orderId);
                listener.onRestingRemoved(maker, EndReason.SELF_TRADE_PREVENTED);
                continue;
            }
            long lots = Math.min(taker.openLots(), maker.openLots());
            maker.filledLots += lots;
            taker.filledLots += lots;
            level.openLots -= lots;
            if (maker.openLots() == 0) {
                cancel(maker.orderId);
            }
            listener.onTrade(maker, taker.orderId, taker.accountId, level.priceTicks, lots);
        }
    }

    private boolean wouldTrade(Side side, long limitPriceTicks) {
        PriceLevel best = sideOf(side.opposite()).best();
        return best != null && crosses(side, limitPriceTicks, best.priceTicks);
    }

    private boolean canFillInFull(Side side, long limitPriceTicks, long lots, long accountId) {
        BookSide opposite = sideOf(side.opposite());
        long fillable = 0;
        for (int i = 0; i < opposite.levelCount() && fillable < lots; i++) {
            PriceLevel level = opposite.fromBest(i);
            if (!crosses(side, limitPriceTicks, level.priceTicks)) {
                break;
            }
            for (BookOrder maker = level.head; maker != null && fillable < lots; maker = maker.next) {
                if (maker.accountId != accountId) {
                    fillable += maker.openLots();
                }
            }
        }
        return fillable >= lots;
    }

    private static boolean crosses(Side takerSide, long takerLimitTicks, long makerPriceTicks) {
        return takerSide == Side.BUY ? makerPriceTicks <= takerLimitTicks : makerPriceTicks >= takerLimitTicks;
    }

    private void rest(BookOrder order) {
        sideOf(order.side).levelAtOrCreate(order.priceTicks).append(order);
        orders.put(order.orderId, order);
    }

    /** Takes an order out of its level (and the level out of its side when it empties); the caller updates the id map. */
    private void unlink(BookOrder order) {
        PriceLevel level = order.level;
        level.unlink(order);
        if (level.isEmpty()) {
            sideOf(order.side).remove(level);
        }
    }

    private BookSide sideOf(Side side) {
        return side == Side.BUY ? bids : asks;
    }
}
