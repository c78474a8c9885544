package io.bourse.engine.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the pacing level follows the CPU's load: up while busy, down while it has room, held in between. */
class EntryPacerTest {
    private static final long MAX = TimeUnit.MILLISECONDS.toNanos(10);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final EntryPacer pacer = new EntryPacer(timer);

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    private void samples(int count, double cpuBusy) {
        for (int i = 0; i < count; i++) {
            pacer.sample(cpuBusy);
        }
    }

    @Test
    void startsOff() {
        assertThat(pacer.level()).isZero();
        assertThat(pacer.spacingNanos(MAX)).isZero();
    }

    @Test
    void aBusyCpuRaisesTheSpacingATenthASampleUpToTheMaximum() {
        samples(3, 0.87);
        assertThat(pacer.spacingNanos(MAX)).isEqualTo(MAX * 3 / 10);

        samples(20, 0.9);
        assertThat(pacer.level()).isEqualTo(1.0);
        assertThat(pacer.spacingNanos(MAX)).isEqualTo(MAX);
    }

    @Test
    void betweenIdleAndBusyTheLevelHolds() {
        samples(6, 0.95);
        samples(50, 0.8);
        assertThat(pacer.spacingNanos(MAX)).isEqualTo(MAX * 6 / 10);
    }

    @Test
    void roomOnTheCpuLowersItToNothing() {
        samples(10, 0.95);
        samples(4, 0.68);
        assertThat(pacer.level()).isEqualTo(0.6);
        samples(20, 0.2);
        assertThat(pacer.spacingNanos(MAX)).isZero();
    }

    @Test
    void anUnknownLoadCountsAsRoom() {
        samples(5, 0.95);
        samples(5, -1);
        assertThat(pacer.level()).isZero();
    }

    @Test
    void theMachinesPacerIsOneForTheProcess() {
        assertThat(EntryPacer.machine()).isSameAs(EntryPacer.machine());
    }
}
