package io.bourse.engine.raft;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * How long a group's leader lets commands gather before it proposes its next log entry: not at
 * all while the machine's CPU has room, up to a group's maximum while it is busy.
 *
 * <p>Why: a leader keeps one entry in flight and proposes the next as soon as it commits, so spare
 * CPU turns into more, smaller entries, and every entry costs the same Raft work on every replica
 * whatever it carries (on the machines measured, 1.5-2.5 ms of CPU for the three replicas: log
 * write and fsync, replication, apply, about fifty thread hand-offs). With three nodes on two cores
 * the process used 160 % of a core at 1,000 orders/s that way, nearly all of it entries; that CPU is
 * then missing for the work callers wait on (the gateways' HTTP, applying commands), and
 * everything queues behind it. Spacing a group's entries at least 10 ms apart cut it to 102-112 %
 * (and at 5,000 orders/s from 160-167 % to 120-133 %) at about the same latency, because the
 * commands wait for an entry instead of for the CPU. Where the CPU has room the spacing only adds
 * latency, so it follows the CPU's load, and only near saturation: on a faster machine (2026-12-03)
 * an engine alone at 15,000 orders/s kept 93 % of the CPU busy and was faster unpaced (p50 20 ms
 * against 35 ms fully paced), while gateways and engines sharing the CPU at its limit were faster
 * paced (closed loop +6 %, p99 -16 %).
 *
 * <p>The level goes up a tenth every sample (every 100 ms) while the machine is busier than 85 %
 * and down a tenth while it is below 70 %; in between it holds. So pacing comes within a second of
 * the machine being saturated, and eases until the load sits in the band; holding there keeps it
 * from switching on and off with every sample (pacing lowers the load it reacts to). A group's
 * spacing is its maximum times the level. One pacer serves every group of the process, on one
 * daemon thread that also wakes a paced group's leader when its entry is due.
 */
public final class EntryPacer {
    static final double BUSY = 0.85;
    static final double IDLE = 0.70;
    static final int STEPS = 10;
    private static final long SAMPLE_MILLIS = 100;
    private static volatile EntryPacer machine;

    private final ScheduledExecutorService timer;
    /** Of {@link #STEPS}; written only on the timer thread. */
    private volatile int level;

    EntryPacer(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** The pacer of this process, following the machine's CPU load; started on first use. */
    static EntryPacer machine() {
        EntryPacer pacer = machine;
        if (pacer == null) {
            synchronized (EntryPacer.class) {
                pacer = machine;
                if (pacer == null) {
                    pacer = startFollowing(machineCpuLoad());
                    machine = pacer;
                }
            }
        }
        return pacer;
    }

    /** A pacer that reads {@code cpuBusy} (the share of the machine's CPU in use, 0 to 1; negative: unknown) every 100 ms. */
    static EntryPacer startFollowing(DoubleSupplier cpuBusy) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("bourse-entry-pacer").factory());
        EntryPacer pacer = new EntryPacer(timer);
        timer.scheduleWithFixedDelay(() -> pacer.sample(cpuBusy.getAsDouble()), SAMPLE_MILLIS, SAMPLE_MILLIS,
                TimeUnit.MILLISECONDS);
        return pacer;
    }

    /** The least time between two of a group's proposals, for a group that paces up to {@code maxNanos}. */
    long spacingNanos(long maxNanos) {
        return maxNanos * level / STEPS;
    }

    /** Takes one reading of the CPU's load; an unknown load (negative) counts as room. */
    void sample(double cpuBusy) {
        if (cpuBusy > BUSY) {
            level = Math.min(STEPS, level + 1);
        } else if (cpuBusy < IDLE) {
            level = Math.max(0, level - 1);
        }
    }

    /** How far pacing is on, 0 (off) to 1 (every group at its maximum). */
    public double level() {
        return (double) level / STEPS;
    }

    /** Runs {@code task} on the pacer's thread after {@code nanos}. */
    void wakeAfter(long nanos, Runnable task) {
        timer.schedule(task, nanos, TimeUnit.NANOSECONDS);
    }

    private static DoubleSupplier machineCpuLoad() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os::getCpuLoad;
        }
        return () -> -1;
    }
}
