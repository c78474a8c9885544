package io.bourse.core.shard;

import io.bourse.core.codec.InKeyOrder;
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

    void endDay() {
        for (int instrumentId : instrumentIdsInOrder()) {
            byInstrument.get(instrumentId).endDay();
        }
    }

    /** Instrument ids ascending: hash-map order must never leak into what a shard does. */
    int[] instrumentIdsInOrder() {
        return InKeyOrder.keys(byInstrument);
    }
}
