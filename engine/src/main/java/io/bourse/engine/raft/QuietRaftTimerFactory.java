package io.bourse.engine.raft;

import com.alipay.sofa.jraft.util.NamedThreadFactory;
import com.alipay.sofa.jraft.util.SPI;
import com.alipay.sofa.jraft.util.timer.DefaultRaftTimerFactory;
import com.alipay.sofa.jraft.util.timer.HashedWheelTimer;
import com.alipay.sofa.jraft.util.timer.Timer;
import java.util.concurrent.TimeUnit;

/**
 * SOFAJRaft's timer factory, but for the timers it makes one of a kind: those tick every
 * {@link #TICK_MILLIS} ms instead of every millisecond.
 *
 * <p>Why: the one such timer Bourse's settings leave (the shared election, vote, step-down and
 * snapshot timers are scheduled executors, which sleep until a task is due) is the one that times
 * out ReadIndex reads, after 2 s. As SOFAJRaft makes it, a hashed wheel that ticks every
 * millisecond, its thread woke a thousand times a second for the life of every engine process,
 * reads or none: 3.5 % of a core on an idle three-node cluster (thread CPU from {@code /proc}),
 * more than any other thread there. A read that times out a few milliseconds late harms nobody.
 *
 * <p>SOFAJRaft finds its timer factory through its service loader, which takes the registered
 * implementation of highest {@link SPI#priority()}; this one is registered in
 * {@code META-INF/services} beside SOFAJRaft's own.
 */
@SPI(priority = 100)
public final class QuietRaftTimerFactory extends DefaultRaftTimerFactory {
    static final long TICK_MILLIS = 10;
    private static final int WHEEL_SLOTS = 512;

    @Override
    public Timer createTimer(String name) {
        return new HashedWheelTimer(new NamedThreadFactory(name, true), TICK_MILLIS, TimeUnit.MILLISECONDS, WHEEL_SLOTS);
    }
}
