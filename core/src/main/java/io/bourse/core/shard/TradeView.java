package io.bourse.core.shard;

import io.bourse.core.order.Side;

/** One trade as its market printed it; {@code aggressorSide} is the side of the order that took liquidity. */
public record TradeView(long tradeId, long priceTicks, long lots, Side aggressorSide, long atMillis) {}
