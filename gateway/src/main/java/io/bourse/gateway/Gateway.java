package io.bourse.gateway;

import io.bourse.engine.client.CallStats;
import io.bourse.engine.client.EngineClient;
import io.bourse.gateway.api.AccountEndpoints;
import io.bourse.gateway.api.Commands;
import io.bourse.gateway.api.MarketEndpoints;
import io.bourse.gateway.api.Markets;
import io.bourse.gateway.api.OrderEndpoints;
import io.bourse.gateway.api.UserEndpoints;
import io.bourse.gateway.auth.Authenticator;
import io.bourse.gateway.auth.Passwords;
import io.bourse.gateway.http.ApiException;
import io.bourse.gateway.http.ApiRoutes;
import io.bourse.gateway.http.HttpListener;
import io.bourse.gateway.http.Observability;
import io.bourse.gateway.http.RateLimiter;
import io.bourse.gateway.http.TransportProblems;
import io.bourse.gateway.stream.StreamHub;
import io.bourse.gateway.web.WebUi;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gateway: Bourse's public REST API under {@code /v1}, the WebSocket stream at
 * {@code /v1/stream}, health and metrics. It keeps no state of its own, only caches it can
 * rebuild (the directory, recently verified tokens, books it mirrors for subscribers): any number
 * can run side by side, and any one can die without losing anything.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final EngineClient engine;
    private final WebServer server;
    private final StreamHub hub;
    private final List<ApiRoutes.Route> routes;
    private final JvmGcMetrics gcMetrics;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Gateway(EngineClient engine, WebServer server, StreamHub hub, List<ApiRoutes.Route> routes, JvmGcMetrics gcMetrics) {
        this.engine = engine;
        this.server = server;
        this.hub = hub;
        this.routes = routes;
        this.gcMetrics = gcMetrics;
    }

    public static Gateway start(GatewayConfig config) {
        EngineClient engine = new EngineClient(config.engineLayout(), config.engineClient());
        try {
            return start(config, engine);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private static Gateway start(GatewayConfig config, EngineClient engine) {
        Clock clock = Clock.systemUTC();
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Authenticator authenticator = new Authenticator(engine, clock, config.credentialCacheMillis());
        Markets markets = new Markets(engine);
        Commands commands = new Commands(engine);
        StreamHub hub = new StreamHub(engine, markets, authenticator, config.streamQueueLimit(), meters);

        HttpRouting.Builder routing = HttpRouting.builder();
        ApiRoutes api = new ApiRoutes(routing, authenticator,
                new RateLimiter(config.requestsPerSecondPerIp(), 2 * config.requestsPerSecondPerIp()),
                new RateLimiter(config.requestsPerSecondPerKey(), 2 * config.requestsPerSecondPerKey()),
                meters, config.maxBodyBytes());
        new UserEndpoints(engine, commands, new Passwords(config.passwordIterations()), authenticator, clock,
                config.sessionLifetime()).register(api);
        new AccountEndpoints(engine, commands, markets).register(api);
        new MarketEndpoints(engine, markets).register(api);
        new OrderEndpoints(engine, commands, markets).register(api);
        new Observability(engine, meters).register(routing);
        new WebUi().register(routing);
        byte[] openApi = resource("/openapi.json");
        routing.get("/v1/openapi.json", (req, res) -> {
            res.headers().contentType(HttpMediaType.create("application/json"));
            res.send(openApi);
        });
        routing.any(api::unmatched);
        routing.error(Throwable.class, (req, res, error) -> {
            LOG.error("unhandled failure serving {}", req.path().path(), error);
            ApiRoutes.sendProblem(res, new ApiException(500, "internal-error", "Something went wrong on our side",
                    "the request could not be completed"));
        });

        WebServer server = HttpListener.start(WebServer.builder()
                .maxPayloadSize(config.maxBodyBytes() * 4L)
                .directHandlers(TransportProblems.handlers(config.maxBodyBytes()))
                // Small answers must leave at once: with Nagle's algorithm on, a response written in
                // two parts waits for the client's delayed ACK (tens of milliseconds).
                .connectionOptions(options -> options.tcpNoDelay(true))
                .shutdownHook(false)
                .routing(routing)
                .addRouting(WsRouting.builder().endpoint("/v1/stream", hub::newSession)), config.host(), config.port());
        JvmGcMetrics gcMetrics = Observability.bindJvmMeters(meters);
        Observability.bindEngineClientMeters(engine, meters);
        LOG.info("gateway listening on {}:{}", config.host(), server.port());
        return new Gateway(engine, server, hub, api.routes(), gcMetrics);
    }

    private static byte[] resource(String name) {
        try (InputStream in = Gateway.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the gateway's resources");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.port();
    }

    /** How this gateway's commands have gone out to the shards so far (as its engine client meters report). */
    public CallStats engineCalls() {
        return engine.callStats();
    }

    /** Every API route this gateway serves, for the OpenAPI check. */
    public List<ApiRoutes.Route> routes() {
        return routes;
    }

    /** Stops at once, as a crash would, apart from closing sockets: in-flight requests fail. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        hub.stop();
        server.stop();
        gcMetrics.close();
        engine.close();
        LOG.info("gateway on port {} stopped", server.port());
    }
}
