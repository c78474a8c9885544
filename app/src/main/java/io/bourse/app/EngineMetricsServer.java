package io.bourse.app;

import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeMetrics;
import io.bourse.gateway.http.HttpListener;
import io.bourse.gateway.http.Observability;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * An engine node's metrics over HTTP, for Prometheus to scrape: {@code /metrics} (the JVM's memory,
 * collections, threads and CPU, and once {@link #bind bound} the node's replicas, see
 * {@link EngineNodeMetrics}) and {@code /health/live}. A port of its own, apart from the Raft RPC
 * port, so that scraping never queues behind replication. Started before the node, so that a port
 * it cannot have fails the command before the node joins its cluster.
 */
final class EngineMetricsServer implements AutoCloseable {
    private final PrometheusMeterRegistry meters;
    private final JvmGcMetrics gcMetrics;
    private final WebServer server;

    private EngineMetricsServer(PrometheusMeterRegistry meters, JvmGcMetrics gcMetrics, WebServer server) {
        this.meters = meters;
        this.gcMetrics = gcMetrics;
        this.server = server;
    }

    /** Serves on {@code host:port} (0: any free port); fails with a message naming them if it cannot. */
    static EngineMetricsServer start(String host, int port) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmGcMetrics gcMetrics = Observability.bindJvmMeters(meters);
        HttpRouting.Builder routing = HttpRouting.builder();
        Observability.registerLivenessAndMetrics(routing, meters);
        try {
            WebServer server = HttpListener.start(WebServer.builder().shutdownHook(false).routing(routing), host, port);
            return new EngineMetricsServer(meters, gcMetrics, server);
        } catch (RuntimeException e) {
            gcMetrics.close();
            throw new IllegalStateException("cannot serve metrics: " + e.getMessage(), e);
        }
    }

    /** Adds the node's meters. */
    void bind(EngineNode node) {
        EngineNodeMetrics.bind(node, meters);
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
        gcMetrics.close();
    }
}
