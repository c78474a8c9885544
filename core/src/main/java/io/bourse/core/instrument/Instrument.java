package io.bourse.core.instrument;

import io.bourse.core.order.RejectReason;
import java.util.regex.Pattern;

/**
 * A tradable instrument and the fixed-point arithmetic of its prices, quantities and fees.
 *
 * <p>Cash is counted in US cents. A price is a whole number of ticks ({@code tickSizeCents} cents
 * per share); a quantity is a whole number of lots ({@code lotSizeShares} shares). Shares are
 * counted one by one in the ledger. The price band is {@code referencePriceTicks} plus or minus
 * {@code bandBasisPoints}; limit and stop prices outside it are refused. A market order is a
 * limit at the reference price plus (buy) or minus (sell) {@code collarBasisPoints}, clamped to
 * the band. Fees are charged in cents per lot filled; the taker pays at least what the maker pays.
 */
public record Instrument(
        int id,
        String symbol,
        long tickSizeCents,
        long lotSizeShares,
        long referencePriceTicks,
        int bandBasisPoints,
        int collarBasisPoints,
        long makerFeeCentsPerLot,
        long takerFeeCentsPerLot,
        long maxOrderLots) {

    public static final int MAX_ID = (1 << 20) - 1;
    private static final Pattern SYMBOL = Pattern.compile("[A-Z][A-Z0-9.]{0,11}");
    private static final long BASIS_POINTS = 10_000;
    /** Keeps every order's cash arithmetic far from overflow. */
    private static final long MAX_ORDER_CENTS = 1L << 56;

    /** Why this definition cannot be used, or null when it is sound. */
    public RejectReason problem() {
        boolean sound = id >= 1 && id <= MAX_ID
                && symbol != null && SYMBOL.matcher(symbol).matches()
                && tickSizeCents >= 1 && tickSizeCents <= 1_000_000
                && lotSizeShares >= 1 && lotSizeShares <= 1_000_000
                && referencePriceTicks >= 1 && referencePriceTicks <= 1_000_000_000L
                && bandBasisPoints >= 1 && bandBasisPoints < BASIS_POINTS
                && collarBasisPoints >= 0 && collarBasisPoints <= bandBasisPoints
                && makerFeeCentsPerLot >= 0 && takerFeeCentsPerLot >= makerFeeCentsPerLot
                && maxOrderLots >= 1 && maxOrderLots <= 1_000_000_000L;
        if (!sound) {
            return RejectReason.INVALID_INSTRUMENT;
        }
        return arithmeticIsSafe() ? null : RejectReason.INVALID_INSTRUMENT;
    }

    /**
     * The largest order must not overflow, and a sale at the lowest price in the band must earn at
     * least the taker fee, so a seller's fee can always be paid out of the proceeds.
     */
    private boolean arithmeticIsSafe() {
        try {
            long largestNotional = Math.multiplyExact(Math.multiplyExact(bandHighTicks(), maxOrderLots), centsPerTickLot());
            long largestOrder = Math.addExact(largestNotional, Math.multiplyExact(takerFeeCentsPerLot, maxOrderLots));
            return largestOrder < MAX_ORDER_CENTS && bandLowTicks() * centsPerTickLot() >= takerFeeCentsPerLot;
        } catch (ArithmeticException overflow) {
            return false;
        }
    }

    public long centsPerTickLot() {
        return tickSizeCents * lotSizeShares;
    }

    public long bandLowTicks() {
        return Math.max(1, referencePriceTicks - referencePriceTicks * bandBasisPoints / BASIS_POINTS);
    }

    public long bandHighTicks() {
        return referencePriceTicks + referencePriceTicks * bandBasisPoints / BASIS_POINTS;
    }

    public boolean inBand(long priceTicks) {
        return priceTicks >= bandLowTicks() && priceTicks <= bandHighTicks();
    }

    /**
     * Why a positive price of {@code cents} a share is refused for an order in this instrument:
     * not a whole number of ticks, or outside the band; null when it is acceptable. The shards
     * judge limit and stop prices by it, and a gateway asks it which of an order's prices a
     * shard refused.
     */
    public RejectReason priceProblem(long cents) {
        if (cents % tickSizeCents != 0) {
            return RejectReason.NOT_A_TICK_MULTIPLE;
        }
        return inBand(cents / tickSizeCents) ? null : RejectReason.PRICE_OUTSIDE_BAND;
    }

    /** The limit a market buy (or a triggered stop buy) trades up to, from a starting price. */
    public long collarAbove(long priceTicks) {
        return Math.min(bandHighTicks(), priceTicks + Math.max(1, priceTicks * collarBasisPoints / BASIS_POINTS));
    }

    /** The limit a market sell (or a triggered stop sell) trades down to, from a starting price. */
    public long collarBelow(long priceTicks) {
        return Math.max(bandLowTicks(), priceTicks - Math.max(1, priceTicks * collarBasisPoints / BASIS_POINTS));
    }

    public long notionalCents(long priceTicks, long lots) {
        return priceTicks * lots * centsPerTickLot();
    }

    public long feeCents(long lots, boolean maker) {
        return lots * (maker ? makerFeeCentsPerLot : takerFeeCentsPerLot);
    }

    /** Cash to hold for a buy: the most it can cost at its limit, with the taker fee on every lot. */
    public long buyHoldCents(long limitPriceTicks, long lots) {
        return notionalCents(limitPriceTicks, lots) + feeCents(lots, false);
    }

    public long shares(long lots) {
        return lots * lotSizeShares;
    }

    public Instrument withReferencePrice(long newReferencePriceTicks) {
        return new Instrument(id, symbol, tickSizeCents, lotSizeShares, newReferencePriceTicks, bandBasisPoints,
                collarBasisPoints, makerFeeCentsPerLot, takerFeeCentsPerLot, maxOrderLots);
    }
}
