package io.bourse.gateway.http;

import io.bourse.engine.client.EngineClient;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/**
 * Liveness, readiness and metrics. Live: the process answers. Ready: the engine's directory
 * answered within the last few seconds, so requests can be routed.
 */
public final class Observability {
    private static final long READY_CHECK_MILLIS = 2_000;

    private final EngineClient engine;
    private final PrometheusMeterRegistry meters;
    private volatile long readyCheckedAt;
    private volatile boolean ready;

    public Observability(EngineClient engine, PrometheusMeterRegistry meters) {
        this.engine = engine;
        this.meters = meters;
    }

    public void register(HttpRouting.Builder routing) {
        registerLivenessAndMetrics(routing, meters);
        routing.get("/health/ready", (req, res) -> {
            boolean up = isReady();
            json(res, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
        });
    }

    /**
     * {@code /health/live} (the process answers) and {@code /metrics} (Prometheus's text format):
     * what every Bourse server offers; engine nodes serve these two alone, on a port of their own.
     */
    public static void registerLivenessAndMetrics(HttpRouting.Builder routing, PrometheusMeterRegistry meters) {
        routing.get("/health/live", (req, res) -> json(res, 200, Map.of("status", "UP")));
        routing.get("/metrics", (req, res) -> {
            res.headers().contentType(HttpMediaType.create("text/plain; version=0.0.4; charset=utf-8"));
            res.send(meters.scrape());
        });
    }

    /**
     * How the gateway's commands reach the engine: the calls its engine client made (each carrying
     * every command waiting for that shard), the commands in them, and how long those waited for a
     * free call. Their rates give the commands per call (how well the gateway coalesces) and a
     * command's mean wait at the gateway, the gateway's side of a write's time (the engine's side is
     * {@code bourse_raft_commands_wait_seconds_total} on the nodes).
     */
    public static void bindEngineClientMeters(EngineClient engine, MeterRegistry meters) {
        FunctionCounter.builder("bourse.engine.client.calls", engine, e -> e.callStats().calls())
                .description("Calls this gateway made to shard leaders carrying commands (a retry counts once, a failed call too)").register(meters);
        FunctionCounter.builder("bourse.engine.client.commands", engine, e -> e.callStats().commands())
                .description("Commands those calls carried").register(meters);
        FunctionCounter.builder("bourse.engine.client.commands.wait.seconds", engine, e -> e.callStats().waitedNanos() / 1e9)
                .description("Seconds those commands waited at this gateway for their call to start, summed").register(meters);
        FunctionCounter.builder("bourse.engine.client.lost.answers", engine, e -> EngineClient.lostAnswers())
                .description("Calls to engine nodes whose answer the RPC library never handed back, given up on after their timeout "
                        + "and retried (this process's engine clients)").register(meters);
    }

    /**
     * Adds the JVM's meters (memory, garbage collections, threads, CPU), which every Bourse server
     * reports. Close the result when the server stops: it listens for the JVM's collections.
     */
    public static JvmGcMetrics bindJvmMeters(MeterRegistry meters) {
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        JvmGcMetrics collections = new JvmGcMetrics();
        collections.bindTo(meters);
        return collections;
    }

    private boolean isReady() {
        long now = System.currentTimeMillis();
        if (now - readyCheckedAt > READY_CHECK_MILLIS) {
            try {
                ready = engine.refreshDirectory().isBootstrapped();
            } catch (RuntimeException e) {
                ready = false;
            }
            readyCheckedAt = now;
        }
        return ready;
    }

    private static void json(io.helidon.webserver.http.ServerResponse res, int status, Object body) {
        res.status(Status.create(status));
        res.headers().contentType(HttpMediaType.create("application/json"));
        res.send(Json.write(body));
    }
}
