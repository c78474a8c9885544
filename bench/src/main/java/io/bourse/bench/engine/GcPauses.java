package io.bourse.bench.engine;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The collections this JVM has run and the time they took, summed over its collectors: taken
 * before and after a measured phase, it says how much of the phase the collector had (with a
 * stop-the-world collector, the time every thread stood still).
 */
record GcPauses(long collections, long millis) {
    static GcPauses now() {
        long collections = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new GcPauses(collections, millis);
    }

    GcPauses since(GcPauses before) {
        return new GcPauses(collections - before.collections, millis - before.millis);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d collections, %,d ms", collections, millis);
    }
}
