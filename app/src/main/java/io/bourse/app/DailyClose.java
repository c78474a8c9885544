package io.bourse.app;

import io.bourse.engine.client.EngineClient;
import io.bourse.engine.client.EngineClientOptions;
import io.bourse.engine.cluster.ClusterLayout;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends each trading day at midnight UTC, for {@code bourse dev}: the local market trades around the
 * clock, and without a close its day orders would never expire and its day figures never start
 * over. A deployment runs {@code bourse admin end-day} from a timer instead (see deploy/).
 *
 * <p>Only a midnight this process lives through is acted on. A day missed while the platform was
 * down is not ended late: its day orders would be expired together with the ones placed since.
 */
final class DailyClose implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DailyClose.class);
    /** After midnight, so every shard's log time has passed into the new day. */
    static final Duration AFTER_MIDNIGHT = Duration.ofSeconds(5);
    /** Tries at closing a day, a minute apart, before leaving it to the operator. */
    static final int ATTEMPTS = 10;

    private final ClusterLayout layout;
    private final EngineClient engine;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("bourse-daily-close").factory());

    private DailyClose(ClusterLayout layout) {
        this.layout = layout;
        this.engine = new EngineClient(layout, EngineClientOptions.defaults());
    }

    static DailyClose start(ClusterLayout layout) {
        DailyClose close = new DailyClose(layout);
        close.scheduleAfter(Instant.now());
        return close;
    }

    /** The next close after {@code now}: the coming midnight UTC, plus {@link #AFTER_MIDNIGHT}. */
    static Instant nextCloseAfter(Instant now) {
        Instant today = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().plus(AFTER_MIDNIGHT);
        return now.isBefore(today) ? today : today.plus(Duration.ofDays(1));
    }

    /** The day a close at {@code at} ends: the one before it (a timer firing a little early still names it). */
    static LocalDate dayEndedBy(Instant at) {
        return LocalDate.ofInstant(at.minus(Duration.ofHours(1)), ZoneOffset.UTC);
    }

    private void scheduleAfter(Instant now) {
        Instant next = nextCloseAfter(now);
        timer.schedule(() -> closeAt(next), Duration.between(now, next).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void closeAt(Instant scheduled) {
        closeAt(scheduled, 1);
    }

    /**
     * Ends the day {@code scheduled} closes; when the cluster cannot be reached, tries again a minute
     * later, up to {@link #ATTEMPTS} times (each shard ends a day once, so a retry is harmless).
     */
    private void closeAt(Instant scheduled, int attempt) {
        try {
            TradingDays.Ending ending = TradingDays.end(layout, engine, dayEndedBy(scheduled));
            if (!ending.summary().isEmpty()) {
                LOG.info("trading day closed: {}", ending.summary().replace('\n', ';'));
            }
            ending.refusals().forEach(refusal -> LOG.warn("trading day not closed: {}", refusal));
        } catch (RuntimeException e) {
            if (attempt < ATTEMPTS) {
                LOG.warn("the trading day could not be closed ({}); trying again in a minute", e.getMessage());
                timer.schedule(() -> closeAt(scheduled, attempt + 1), 1, TimeUnit.MINUTES);
                return;
            }
            LOG.warn("the trading day could not be closed: {}; 'bourse admin end-day --day {}' ends it by hand", e.getMessage(),
                    dayEndedBy(scheduled));
        }
        // From the wall clock now, not the schedule: a late run must not fire again at once.
        scheduleAfter(Instant.now().isAfter(scheduled) ? Instant.now() : scheduled.plusMillis(1));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        engine.close();
    }
}
