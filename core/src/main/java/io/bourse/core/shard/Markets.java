package io.bourse.core.shard;

import io.bourse.core.codec.InKeyOrder;
import io.bourse.core.order.RejectReason;
import org.agrona.collections.Int2ObjectHashMap;

/** The market side of a shard: the books of the instruments this shard holds. */
final class Markets {
    private final ShardContext shard;
    private final Int2ObjectHashMap<Market> byInstrument = new Int2ObjectHashMap<>();
    long tradeSequence;
    /** The latest trading day ended by number ({@link Command.EndTradingDay#day()}); 0: none yet. */
    long lastEndedDay;

    Markets(ShardContext shard) {
        this.shard = shard;
    }

    Market open(int instrumentId) {
        Market market = new Market(instrumentId, shard, this::nextTradeId);
        byInstrument.put(instrumentId, market);
        return market;
    }

    /** The market for an instrument whose book is on this shard, or null. */
    Market market(int instrumentId) {
        return byInstrument.get(instrumentId);
    }

    private long nextTradeId() {
        return ((long) shard.shardId << 40) | ++tradeSequence;
    }

    /**
     * Ends trading day {@code day} (see {@link Command.EndTradingDay}) in every book here, once: a
     * day ended before, or one before it, is a duplicate; one the log time has not reached is refused.
     */
    CommandResult endDay(long day) {
        if (day < 0) {
            return CommandResult.rejected(RejectReason.MALFORMED_COMMAND);
        }
        if (day > Math.floorDiv(shard.logTimeMillis, ShardLimits.DAY_MILLIS)) {
            return CommandResult.rejected(RejectReason.TRADING_DAY_NOT_BEGUN);
        }
        if (day != 0 && day <= lastEndedDay) {
            return CommandResult.duplicate(day);
        }
        for (int instrumentId : instrumentIdsInOrder()) {
            byInstrument.get(instrumentId).endDay();
        }
        lastEndedDay = Math.max(lastEndedDay, day);
        return CommandResult.accepted(day);
    }

    /** Instrument ids ascending: hash-map order must never leak into what a shard does. */
    int[] instrumentIdsInOrder() {
        return InKeyOrder.keys(byInstrument);
    }
}
