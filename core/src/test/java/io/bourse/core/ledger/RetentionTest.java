package io.bourse.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RetentionTest {
    private final Retention retention = new Retention(1_000, 100, 10);

    @Test
    void anIdPastTheWindowIsForgottenWhateverTheRoom() {
        assertThat(retention.forgetsOldest(1, 0, 1_000)).isFalse();
        assertThat(retention.forgetsOldest(1, 0, 1_001)).isTrue();
    }

    @Test
    void whenFullAnIdPastTheGuaranteeIsForgottenButNoYoungerOne() {
        assertThat(retention.forgetsOldest(9, 0, 101)).as("room left").isFalse();
        assertThat(retention.forgetsOldest(10, 0, 100)).as("full, but within the guarantee").isFalse();
        assertThat(retention.forgetsOldest(10, 0, 101)).isTrue();
        assertThat(retention.isFull(9)).isFalse();
        assertThat(retention.isFull(10)).isTrue();
    }

    @Test
    void aGuaranteeLongerThanTheWindowOrNoCapacityIsRefused() {
        assertThatThrownBy(() -> new Retention(100, 101, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retention(100, -1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Retention(100, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
