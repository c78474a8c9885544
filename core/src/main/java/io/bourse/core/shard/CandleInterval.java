package io.bourse.core.shard;

/** The candle widths a market keeps, by log time (UTC; days start at midnight UTC). */
public enum CandleInterval {
    ONE_MINUTE("1m", 60_000L),
    FIVE_MINUTES("5m", 5 * 60_000L),
    ONE_HOUR("1h", 60 * 60_000L),
    ONE_DAY("1d", 24 * 60 * 60_000L);

    private final String label;
    private final long millis;

    CandleInterval(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    /** The start of the candle that {@code timeMillis} falls in. */
    public long startOf(long timeMillis) {
        return Math.floorDiv(timeMillis, millis) * millis;
    }

    /** The interval with this label ("1m", "5m", "1h", "1d"), or null. */
    public static CandleInterval ofLabel(String label) {
        for (CandleInterval interval : values()) {
            if (interval.label.equals(label)) {
                return interval;
            }
        }
        return null;
    }
}
