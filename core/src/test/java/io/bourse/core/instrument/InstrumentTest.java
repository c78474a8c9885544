package io.bourse.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.RejectReason;
import org.junit.jupiter.api.Test;

class InstrumentTest {
    // $100.00 reference, 1-cent ticks, lots of 10 shares, band ±10 %, collar 5 %, fees 3/5 cents a lot.
    private final Instrument acme = new Instrument(7, "ACME", 1, 10, 10_000, 1_000, 500, 3, 5, 100_000);

    @Test
    void bandIsReferencePlusOrMinusBasisPoints() {
        assertThat(acme.bandLowTicks()).isEqualTo(9_000);
        assertThat(acme.bandHighTicks()).isEqualTo(11_000);
        assertThat(acme.inBand(9_000)).isTrue();
        assertThat(acme.inBand(11_000)).isTrue();
        assertThat(acme.inBand(8_999)).isFalse();
        assertThat(acme.inBand(11_001)).isFalse();
    }

    @Test
    void collarIsClampedToTheBand() {
        assertThat(acme.collarAbove(10_000)).isEqualTo(10_500);
        assertThat(acme.collarBelow(10_000)).isEqualTo(9_500);
        assertThat(acme.collarAbove(10_800)).isEqualTo(11_000);
        assertThat(acme.collarBelow(9_100)).isEqualTo(9_000);
    }

    @Test
    void cashArithmeticIsFixedPointInCents() {
        // 3 lots of 10 shares at $100.01: 30 shares * 10,001 cents.
        assertThat(acme.notionalCents(10_001, 3)).isEqualTo(300_030);
        assertThat(acme.feeCents(3, true)).isEqualTo(9);
        assertThat(acme.feeCents(3, false)).isEqualTo(15);
        assertThat(acme.buyHoldCents(10_001, 3)).isEqualTo(300_045);
        assertThat(acme.shares(3)).isEqualTo(30);
    }

    @Test
    void soundDefinitionHasNoProblem() {
        assertThat(acme.problem()).isNull();
    }

    @Test
    void refusesUnsoundDefinitions() {
        assertThat(new Instrument(0, "ACME", 1, 10, 10_000, 1_000, 500, 3, 5, 100).problem()).isEqualTo(RejectReason.INVALID_INSTRUMENT);
        assertThat(new Instrument(7, "acme", 1, 10, 10_000, 1_000, 500, 3, 5, 100).problem()).isEqualTo(RejectReason.INVALID_INSTRUMENT);
        assertThat(new Instrument(7, "ACME", 0, 10, 10_000, 1_000, 500, 3, 5, 100).problem()).isEqualTo(RejectReason.INVALID_INSTRUMENT);
        // Taker must pay at least what the maker pays.
        assertThat(new Instrument(7, "ACME", 1, 10, 10_000, 1_000, 500, 5, 3, 100).problem()).isEqualTo(RejectReason.INVALID_INSTRUMENT);
        // Collar wider than the band.
        assertThat(new Instrument(7, "ACME", 1, 10, 10_000, 1_000, 1_500, 3, 5, 100).problem()).isEqualTo(RejectReason.INVALID_INSTRUMENT);
        // A sale at the bottom of the band would not cover the taker fee.
        assertThat(new Instrument(7, "PENNY", 1, 1, 2, 1_000, 500, 3, 5, 100).problem()).isEqualTo(RejectReason.INVALID_INSTRUMENT);
        // The largest order would overflow.
        assertThat(new Instrument(7, "ACME", 1_000_000, 1_000_000, 1_000_000_000L, 1_000, 500, 3, 5, 1_000_000_000L).problem())
                .isEqualTo(RejectReason.INVALID_INSTRUMENT);
    }
}
