package io.bourse.gateway.api;

import io.bourse.core.instrument.Instrument;
import io.bourse.gateway.http.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Decimal strings at the API edge, whole cents and ticks inside. Parsing refuses anything that
 * is not exactly representable ("10.005" dollars, exponents, signs where none belong); formatting
 * always writes two decimals.
 */
public final class Money {
    /** Whole dollars an amount or price may have: far more than any balance or order can use, and exact in a long of cents. */
    private static final int MAX_WHOLE_DIGITS = 13;
    /** What an amount or price at the API may look like; the OpenAPI document's request patterns say the same ({@code MoneyTest}). */
    static final String INPUT_PATTERN = "\\d{1," + MAX_WHOLE_DIGITS + "}(\\.\\d{1,2})?";
    private static final Pattern DECIMAL = Pattern.compile(INPUT_PATTERN);
    private static final Pattern TOO_MANY_DIGITS = Pattern.compile("[1-9]\\d{" + MAX_WHOLE_DIGITS + ",}(\\.\\d{1,2})?");
    private static final String LARGEST = "9".repeat(MAX_WHOLE_DIGITS) + ".99";

    private Money() {}

    /** Dollars as a decimal string → cents; rejects more than two decimals, negatives and zero. */
    public static long parseCents(String field, String text) {
        if (text == null) {
            throw ApiException.invalid(field, "is required");
        }
        if (TOO_MANY_DIGITS.matcher(text).matches()) {
            throw ApiException.invalid(field, "must be at most " + LARGEST);
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw ApiException.invalid(field, "must be a positive decimal amount with at most two decimals, like \"125.50\"");
        }
        long cents = new BigDecimal(text).movePointRight(2).longValueExact();
        if (cents <= 0) {
            throw ApiException.invalid(field, "must be greater than zero");
        }
        return cents;
    }

    public static String cents(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    /** Cents past a long's range (a market value: shares times a price), exactly. */
    static String cents(BigInteger cents) {
        return new BigDecimal(cents, 2).toPlainString();
    }

    /** A price in ticks as dollars per share; null for 0 (no price). */
    public static String price(Instrument instrument, long ticks) {
        return ticks == 0 ? null : cents(ticks * instrument.tickSizeCents());
    }

    /** Cents divided by shares, to the cent, rounded half-even; null when there are no shares. */
    public static String perShare(long cents, long shares) {
        if (shares == 0) {
            return null;
        }
        return BigDecimal.valueOf(cents).divide(BigDecimal.valueOf(shares), 0, RoundingMode.HALF_EVEN)
                .movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
