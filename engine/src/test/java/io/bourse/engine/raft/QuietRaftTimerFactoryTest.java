package io.bourse.engine.raft;

import static org.assertj.core.api.Assertions.assertThat;

import com.alipay.sofa.jraft.JRaftUtils;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QuietRaftTimerFactoryTest {

    @Test
    void sofaJRaftMakesItsTimersWithBoursesFactory() {
        // The ReadIndex timeout timer comes from here: with SOFAJRaft's own factory it ticks every millisecond.
        assertThat(JRaftUtils.raftTimerFactory()).isInstanceOf(QuietRaftTimerFactory.class);
    }

    @Test
    void aTimerItMakesRunsWhatIsScheduledOnIt() throws InterruptedException {
        Timer timer = new QuietRaftTimerFactory().createTimer("test-timer");
        try {
            CountDownLatch ran = new CountDownLatch(1);
            long start = System.nanoTime();
            timer.newTimeout(timeout -> ran.countDown(), 30, TimeUnit.MILLISECONDS);
            assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        } finally {
            timer.stop();
        }
    }
}
