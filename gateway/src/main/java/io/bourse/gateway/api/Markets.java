package io.bourse.gateway.api;

import io.bourse.core.instrument.Instrument;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineUnavailableException;
import io.bourse.engine.directory.DirectoryView;
import io.bourse.engine.directory.InstrumentListing;
import io.bourse.gateway.http.ApiException;
import java.util.List;
import java.util.Optional;

/**
 * Instruments by symbol and by id, from the directory the engine client keeps. An unknown symbol
 * re-reads the directory (at most once a second), so newly listed instruments appear on every
 * gateway without a restart; and the directory is re-read every 5 seconds anyway, for what changes
 * in a listed instrument (its price band moves at the end of each trading day).
 */
public final class Markets {
    private static final long REFRESH_AFTER_MISS_MILLIS = 1_000;
    private static final long REFRESH_EVERY_MILLIS = 5_000;

    private final EngineClient engine;
    private volatile long lastRefreshMillis;
    private volatile long lastPeriodicRefreshMillis;

    public Markets(EngineClient engine) {
        this.engine = engine;
    }

    public List<Instrument> all() {
        return directory().instruments().stream().map(InstrumentListing::instrument).toList();
    }

    /** The instrument with this symbol; a 404 problem when there is none. */
    public Instrument bySymbol(String symbol) {
        return find(symbol).orElseThrow(() -> ApiException.notFound("instrument " + symbol));
    }

    /** The instrument with this symbol; a 400 naming {@code field} when there is none. */
    public Instrument bySymbol(String field, String symbol) {
        if (symbol == null) {
            throw ApiException.invalid(field, "is required");
        }
        return find(symbol).orElseThrow(() -> ApiException.invalid(field, "is not a listed symbol"));
    }

    public Optional<Instrument> find(String symbol) {
        Optional<InstrumentListing> listing = directory().instrument(symbol);
        long now = System.currentTimeMillis();
        if (listing.isEmpty() && now - lastRefreshMillis > REFRESH_AFTER_MISS_MILLIS) {
            lastRefreshMillis = now;
            listing = engine.refreshDirectory().instrument(symbol);
        }
        return listing.map(InstrumentListing::instrument);
    }

    public Instrument byId(int instrumentId) {
        DirectoryView directory = directory();
        return directory.instrument(instrumentId).or(() -> engine.refreshDirectory().instrument(instrumentId))
                .map(InstrumentListing::instrument)
                .orElseThrow(() -> new IllegalStateException("instrument " + instrumentId + " is not in the directory"));
    }

    /** The directory as last read, read again first when that was more than 5 seconds ago. */
    private DirectoryView directory() {
        long now = System.currentTimeMillis();
        if (now - lastPeriodicRefreshMillis > REFRESH_EVERY_MILLIS) {
            lastPeriodicRefreshMillis = now; // first, so concurrent callers do not all read it
            try {
                return engine.refreshDirectory();
            } catch (EngineUnavailableException e) {
                // the view we have serves until the directory answers again
            }
        }
        return engine.directory();
    }
}
