package io.bourse.core.book;

/** All orders resting at one price on one side, oldest first (a doubly linked queue). */
final class PriceLevel {
    final long priceTicks;
    BookOrder head;
    BookOrder tail;
    long openLots;
    int orderCount;

    PriceLevel(long priceTicks) {
        this.priceTicks = priceTicks;
    }

    void append(BookOrder order) {
        order.level = this;
        order.previous = tail;
        order.next = null;
        if (tail == null) {
            head = order;
        } else {
            tail.next = order;
        }
        tail = order;
        openLots += order.openLots();
        orderCount++;
    }

    void unlink(BookOrder order) {
        if (order.previous == null) {
            head = order.next;
        } else {
            order.previous.next = order.next;
        }
        if (order.next == null) {
            tail = order.previous;
        } else {
            order.next.previous = order.previous;
        }
        openLots -= order.openLots();
        orderCount--;
        order.previous = null;
        order.next = null;
        order.level = null;
    }

    boolean isEmpty() {
        return head == null;
    }
}
