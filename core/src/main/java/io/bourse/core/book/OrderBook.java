package io.bourse.core.book;

import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.function.Consumer;

/**
 * One instrument's limit order book with price-time priority: the narrow interface behind which
 * a simple reference implementation and a fast one are tested against each other.
 *
 * <p>Matching rules, shared by every implementation: an incoming order trades with the best
 * opposite price first, oldest order first within a price, at the resting order's price. An
 * incoming order never trades with a resting order of the same account: that resting order is
 * canceled instead (self-trade prevention) and matching continues. Only day and good-till-canceled
 * orders rest; post-only orders are refused if they would trade; fill-or-kill orders trade in full
 * or not at all.
 */
public interface OrderBook {

    /** Matches an incoming limit order and rests what is left when its time in force allows. */
    Placement place(long orderId, long accountId, int ownerTag, Side side, long limitPriceTicks, long lots,
                    TimeInForce timeInForce, boolean postOnly, MatchListener listener);

    /** Removes a resting order; returns it, or null when no such order rests here. */
    BookOrder cancel(long orderId);

    /**
     * Lowers a resting order's total quantity, keeping its place in the queue. The new total must
     * stay above what has filled and below the current total; returns false (changing nothing) otherwise.
     */
    boolean reduce(long orderId, long newTotalLots);

    /**
     * Re-prices and re-sizes a resting order: it goes to the back of the queue at its new price
     * and may trade at once, as if new. The new total must exceed what has filled.
     */
    Placement amend(long orderId, long newPriceTicks, long newTotalLots, MatchListener listener);

    /** {@link #amend(long, long, long, MatchListener)} for an order {@link #find} just returned: a book may skip finding it again. */
    default Placement amend(BookOrder resting, long newPriceTicks, long newTotalLots, MatchListener listener) {
        return amend(resting.orderId(), newPriceTicks, newTotalLots, listener);
    }

    /** Removes every resting day order, in priority order, reporting each as {@code DAY_ENDED}. */
    void expireDayOrders(MatchListener listener);

    BookOrder find(long orderId);

    /** The best bid price, or 0 when there are no bids. */
    long bestBidTicks();

    /** The best ask price, or 0 when there are no asks. */
    long bestAskTicks();

    int restingOrderCount();

    /**
     * Each price level, best first, on one side: price, open lots and number of orders; stops
     * after {@code maxLevels}.
     */
    void forEachLevel(Side side, int maxLevels, LevelVisitor visitor);

    /** Visits the level at one price: its open lots and order count, both 0 when nothing rests there. */
    void visitLevel(Side side, long priceTicks, LevelVisitor visitor);

    /** Every resting order in priority order: bids best first, then asks best first. */
    void forEachOrder(Consumer<BookOrder> visitor);

    /** Appends an order at the back of its price level without matching: restores a snapshot. */
    void restore(long orderId, long accountId, int ownerTag, Side side, boolean dayOrder, long priceTicks,
                 long totalLots, long filledLots);

    interface LevelVisitor {
        void visit(long priceTicks, long openLots, int orderCount);
    }
}
