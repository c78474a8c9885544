package io.bourse.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The servers a local deployment started, in order; closing stops them in reverse, each one
 * whatever happens to the others. Those that run as processes of their own are kept apart too,
 * for CPU accounting.
 */
final class Servers implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<ServerProcess> processes = new ArrayList<>();

    <T extends AutoCloseable> T add(T server) {
        started.add(server);
        if (server instanceof ServerProcess process) {
            processes.add(process);
        }
        return server;
    }

    List<ServerProcess> processes() {
        return List.copyOf(processes);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping a local server failed: " + e);
            }
        }
        started.clear();
        processes.clear();
    }
}
