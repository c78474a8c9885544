package io.bourse.bench.load;

/** What the virtual users do. */
public enum Scenario {
    /** Place resting orders, cancel and replace them, and cross the spread now and then. */
    ORDER_ENTRY,
    /** Quotes, books, portfolios and order lists: what screens refresh. */
    READ_HEAVY,
    /** Order entry at the base rate, with 5 seconds at ten times the rate in the middle. */
    BURST;

    public static Scenario parse(String text) {
        return switch (text) {
            case "order-entry" -> ORDER_ENTRY;
            case "read-heavy" -> READ_HEAVY;
            case "burst" -> BURST;
            default -> throw new IllegalArgumentException("scenario must be order-entry, read-heavy or burst, not " + text);
        };
    }

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
