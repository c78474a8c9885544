package io.bourse.app;

import io.bourse.core.instrument.Instrument;
import java.util.List;

/** Fictional tickers for local runs: 1-cent ticks, 1-share lots, a ±10 % band, a 5 % collar, fees of 1 (maker) and 2 (taker) cents a share. */
final class DemoInstruments {
    private DemoInstruments() {}

    record Listing(String symbol, long referencePriceCents) {}

    static final List<Listing> LISTINGS = List.of(
            new Listing("ACME", 100_00), new Listing("GLOBEX", 42_50), new Listing("INITECH", 18_75),
            new Listing("UMBRELLA", 233_10), new Listing("WAYNE", 512_00), new Listing("STARK", 321_40),
            new Listing("TYRELL", 77_70), new Listing("CYBERDYN", 150_25));

    /** The i-th listing (0-based) as an instrument with id i + 1. */
    static Instrument instrument(int index) {
        Listing listing = LISTINGS.get(index);
        return new Instrument(index + 1, listing.symbol(), 1, 1, listing.referencePriceCents(), 1_000, 500, 1, 2, 1_000_000);
    }
}
