package io.bourse.client.model;

import java.util.List;

/** One page of orders, newest first; pass {@code nextCursor} to get the next (null: no more). */
public record OrderPage(List<Order> orders, String nextCursor) {}
