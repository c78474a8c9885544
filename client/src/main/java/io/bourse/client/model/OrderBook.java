package io.bourse.client.model;

import java.util.List;

/** Price levels, best first; {@code sequence} is the instrument's market-data sequence this book is as of. */
public record OrderBook(String symbol, long sequence, List<BookLevel> bids, List<BookLevel> asks) {}
