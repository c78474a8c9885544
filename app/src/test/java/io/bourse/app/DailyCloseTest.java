package io.bourse.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DailyCloseTest {

    @Test
    void theCloseComesJustAfterTheNextMidnightUtc() {
        assertThat(DailyClose.nextCloseAfter(Instant.parse("2026-12-08T04:30:00Z"))).isEqualTo(Instant.parse("2026-12-09T00:00:05Z"));
        assertThat(DailyClose.nextCloseAfter(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(Instant.parse("2027-01-01T00:00:05Z"));
        // Started in the seconds between midnight and the close: today's close is still to come.
        assertThat(DailyClose.nextCloseAfter(Instant.parse("2026-12-09T00:00:01Z"))).isEqualTo(Instant.parse("2026-12-09T00:00:05Z"));
        // Right at a close, the next is a day later: one run per midnight.
        assertThat(DailyClose.nextCloseAfter(Instant.parse("2026-12-09T00:00:05Z"))).isEqualTo(Instant.parse("2026-12-10T00:00:05Z"));
    }

    @Test
    void aCloseEndsTheDayBeforeItEvenWhenItsTimerFiresALittleEarly() {
        assertThat(DailyClose.dayEndedBy(Instant.parse("2026-12-09T00:00:05Z"))).isEqualTo(LocalDate.parse("2026-12-08"));
        assertThat(DailyClose.dayEndedBy(Instant.parse("2026-12-08T23:59:58Z"))).isEqualTo(LocalDate.parse("2026-12-08"));
    }
}
