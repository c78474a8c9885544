package io.bourse.app;

import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeMetrics;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * An engine node's metrics over HTTP, for Prometheus to scrape: {@code /metrics} (the node's
 * replicas, see {@link EngineNodeMetrics}, and the JVM's memory, collections, threads and CPU) and
 * {@code /health/live}. A port of its own, apart from the Raft RPC port, so that scraping never
 * queues behind replication.
 */
final class EngineMetricsServer implements AutoCloseable {
    private final WebServer server;
    private final JvmGcMetrics gcMetrics;

    private EngineMetricsServer(WebServer server, JvmGcMetrics gcMetrics) {
        this.server = server;
        this.gcMetrics = gcMetrics;
    }

    static EngineMetricsServer start(EngineNode node, String host, int port) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        EngineNodeMetrics.bind(node, meters);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        JvmGcMetrics gcMetrics = new JvmGcMetrics();
        gcMetrics.bindTo(meters);
        HttpRouting.Builder routing = HttpRouting.builder()
                .get("/metrics", (req, res) -> {
                    res.headers().contentType(HttpMediaType.create("text/plain; version=0.0.4; charset=utf-8"));
                    res.send(meters.scrape());
                })
                .get("/health/live", (req, res) -> {
                    res.headers().contentType(HttpMediaType.create("application/json"));
                    res.send("{\"status\":\"UP\"}");
                });
        WebServer server = WebServer.builder().host(host).port(port).shutdownHook(false).routing(routing).build().start();
        return new EngineMetricsServer(server, gcMetrics);
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
