package io.bourse.bench.load;

import io.bourse.engine.node.EngineNode;
import io.bourse.gateway.Gateway;
import java.util.ArrayList;
import java.util.List;

/**
 * The servers a local deployment started, in order; closing stops them in reverse, each one
 * whatever happens to the others.
 */
final class Servers implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();

    <T extends AutoCloseable> T add(T server) {
        started.add(server);
        return server;
    }

    /** Those that run as processes of their own, for CPU accounting. */
    List<ServerProcess> processes() {
        return started.stream().filter(ServerProcess.class::isInstance).map(ServerProcess.class::cast).toList();
    }

    /** The engine nodes running in this JVM. */
    List<EngineNode> engineNodes() {
        return started.stream().filter(EngineNode.class::isInstance).map(EngineNode.class::cast).toList();
    }

    /** The gateways running in this JVM. */
    List<Gateway> gateways() {
        return started.stream().filter(Gateway.class::isInstance).map(Gateway.class::cast).toList();
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
    }
}
