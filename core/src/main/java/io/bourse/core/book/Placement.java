package io.bourse.core.book;

/** What became of an order handed to a book. */
public enum Placement {
    /** Some or none of it traded; the rest rests in the book. */
    RESTED,
    /** All of it traded. */
    FILLED,
    /** An immediate-or-cancel order (or a market order) traded what it could; the rest is canceled. */
    REMAINDER_CANCELED,
    /** A fill-or-kill order could not trade in full, so nothing traded. */
    KILLED,
    /** A post-only order would have traded on arrival, so it was refused. */
    POST_ONLY_REJECTED,
    /** No such order rests in the book (for amendments). */
    UNKNOWN_ORDER
}
