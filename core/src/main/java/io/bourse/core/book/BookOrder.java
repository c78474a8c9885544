package io.bourse.core.book;

import io.bourse.core.order.Side;

/**
 * An order resting in a book. Its open quantity is {@code totalLots - filledLots}. Fields are
 * package-private and mutable so that the books can link and update it without copying; outside
 * the book it is read-only.
 */
public final class BookOrder {
    final long orderId;
    final long accountId;
    final int ownerTag;
    final Side side;
    final boolean dayOrder;
    long priceTicks;
    long totalLots;
    long filledLots;

    // Links used by PriceTimeOrderBook's intrusive per-level queues.
    BookOrder previous;
    BookOrder next;
    PriceLevel level;

    BookOrder(long orderId, long accountId, int ownerTag, Side side, boolean dayOrder, long priceTicks, long totalLots,
              long filledLots) {
        this.orderId = orderId;
        this.accountId = accountId;
        this.ownerTag = ownerTag;
        this.side = side;
        this.dayOrder = dayOrder;
        this.priceTicks = priceTicks;
        this.totalLots = totalLots;
        this.filledLots = filledLots;
    }

    public long orderId() {
        return orderId;
    }

    public long accountId() {
        return accountId;
    }

    /** An opaque number the book's user attaches (Bourse: the shard that owns the account). */
    public int ownerTag() {
        return ownerTag;
    }

    public Side side() {
        return side;
    }

    public boolean dayOrder() {
        return dayOrder;
    }

    public long priceTicks() {
        return priceTicks;
    }

    public long totalLots() {
        return totalLots;
    }

    public long filledLots() {
        return filledLots;
    }

    public long openLots() {
        return totalLots - filledLots;
    }
}
