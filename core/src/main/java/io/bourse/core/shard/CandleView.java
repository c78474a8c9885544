package io.bourse.core.shard;

/** Open, high, low and close prices (ticks) and volume (lots) of one interval's trades. */
public record CandleView(long startMillis, long openTicks, long highTicks, long lowTicks, long closeTicks, long volumeLots) {

    CandleView with(long priceTicks, long lots) {
        return new CandleView(startMillis, openTicks, Math.max(highTicks, priceTicks), Math.min(lowTicks, priceTicks),
                priceTicks, volumeLots + lots);
    }

    static CandleView first(long startMillis, long priceTicks, long lots) {
        return new CandleView(startMillis, priceTicks, priceTicks, priceTicks, priceTicks, lots);
    }
}
