package io.bourse.core.shard;

import io.bourse.core.order.Side;

/** One fill of an account's order, as its account shard settled it. */
public record FillView(long fillId, long orderId, int instrumentId, Side side, long priceTicks, long lots,
                       long notionalCents, long feeCents, boolean maker, long atMillis) {}
