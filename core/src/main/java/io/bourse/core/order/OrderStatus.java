package io.bourse.core.order;

/**
 * The life of an order as its owner sees it. Transitions are checked: an illegal one is a bug in
 * Bourse, never a customer error, so it fails loudly instead of corrupting state.
 */
public enum OrderStatus {
    /** Accepted by the account shard, funds held, not yet acknowledged by the market. */
    PENDING_NEW,
    /** Resting in the book, or a stop waiting for its trigger. */
    NEW,
    PARTIALLY_FILLED,
    FILLED,
    CANCELED,
    REJECTED,
    EXPIRED;

    public boolean isTerminal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }

    public boolean canBecome(OrderStatus next) {
        return switch (this) {
            case PENDING_NEW -> next != PENDING_NEW;
            case NEW -> next != PENDING_NEW && next != NEW && next != REJECTED;
            case PARTIALLY_FILLED -> next == PARTIALLY_FILLED || next == FILLED || next == CANCELED || next == EXPIRED;
            case FILLED, CANCELED, REJECTED, EXPIRED -> false;
        };
    }

    /** Returns {@code next}, or throws if this order may not move there. */
    public OrderStatus transitionTo(OrderStatus next) {
        if (!canBecome(next)) {
            throw new IllegalStateException("illegal order transition " + this + " -> " + next);
        }
        return next;
    }
}
