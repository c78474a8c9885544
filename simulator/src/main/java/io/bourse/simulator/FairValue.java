package io.bourse.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/**
 * A ticker's hidden "true" price: a random walk in whole cents, a small step at a time, kept
 * well inside the instrument's price band so quotes around it are always allowed.
 */
final class FairValue {
    private long lowCents;
    private long highCents;
    private final double volatility;
    private long cents;

    FairValue(long startCents, long bandLowCents, long bandHighCents, double volatility) {
        this.volatility = volatility;
        this.cents = startCents;
        bandIs(bandLowCents, bandHighCents);
    }

    /** The instrument's band, as listed or as moved at the end of a day: the walk keeps well inside it. */
    void bandIs(long bandLowCents, long bandHighCents) {
        long margin = (bandHighCents - bandLowCents) / 5;
        lowCents = bandLowCents + margin;
        highCents = bandHighCents - margin;
        cents = Math.max(lowCents, Math.min(highCents, cents));
    }

    long cents() {
        return cents;
    }

    /** One step: a relative move drawn from a normal distribution, reflected at the edges. */
    long step(Random random) {
        long move = Math.round(cents * volatility * random.nextGaussian());
        long next = cents + move;
        if (next < lowCents || next > highCents) {
            next = cents - move;
        }
        cents = Math.max(lowCents, Math.min(highCents, next));
        return cents;
    }

    static long cents(String decimal) {
        return new BigDecimal(decimal).movePointRight(2).longValueExact();
    }

    static String decimal(long cents) {
        return BigDecimal.valueOf(cents).movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
