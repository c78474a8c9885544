package io.bourse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FairValueTest {

    @Test
    void theWalkStaysWellInsideTheBand() {
        FairValue fair = new FairValue(100_00, 90_00, 110_00, 0.05);
        Random random = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            assertThat(fair.step(random)).isBetween(94_00L, 106_00L); // a fifth of the band's width from each edge
        }
    }

    @Test
    void aMovedBandTakesTheWalkAlong() {
        FairValue fair = new FairValue(105_00, 90_00, 110_00, 0.05);
        // The day closed at 105.00 and the band now centres on it: the walk may go where it could not.
        fair.bandIs(94_50, 115_50);
        Random random = new Random(2);
        long highest = 0;
        for (int i = 0; i < 10_000; i++) {
            long cents = fair.step(random);
            assertThat(cents).isBetween(98_70L, 111_30L);
            highest = Math.max(highest, cents);
        }
        assertThat(highest).isGreaterThan(106_00L);
        // A band that moved away from the value pulls it inside at once.
        fair.bandIs(150_00, 170_00);
        assertThat(fair.cents()).isEqualTo(154_00L);
    }
}
