package io.bourse.gateway.http;

import io.bourse.engine.client.EngineUnavailableException;
import io.bourse.gateway.auth.Authenticator;
import io.bourse.gateway.auth.Principal;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers API endpoints and runs each call through the same steps: rate limit by IP,
 * authenticate and check the scope (unless public), rate limit by credential, handle, and answer
 * every failure as a problem document. Every route it registers is listed, so a test can hold the
 * OpenAPI document to them.
 */
public final class ApiRoutes {
    /** An endpoint anyone may call. */
    public static final int PUBLIC = 0;

    public record Route(String method, String path, int scope) {}

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    private static final HttpMediaType JSON = HttpMediaType.create("application/json");
    static final HttpMediaType PROBLEM_JSON = HttpMediaType.create("application/problem+json");

    private final HttpRouting.Builder routing;
    private final Authenticator authenticator;
    private final RateLimiter perIp;
    private final RateLimiter perCredential;
    private final MeterRegistry meters;
    private final int maxBodyBytes;
    private final List<Route> routes = new ArrayList<>();

    public ApiRoutes(HttpRouting.Builder routing, Authenticator authenticator, RateLimiter perIp, RateLimiter perCredential,
                     MeterRegistry meters, int maxBodyBytes) {
        this.routing = routing;
        this.authenticator = authenticator;
        this.perIp = perIp;
        this.perCredential = perCredential;
        this.meters = meters;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void get(String path, int scope, Endpoint endpoint) {
        add(Method.GET, path, scope, endpoint);
    }

    public void post(String path, int scope, Endpoint endpoint) {
        add(Method.POST, path, scope, endpoint);
    }

    public void put(String path, int scope, Endpoint endpoint) {
        add(Method.PUT, path, scope, endpoint);
    }

    public void delete(String path, int scope, Endpoint endpoint) {
        add(Method.DELETE, path, scope, endpoint);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /**
     * Answers a request no route took: 405 with {@code Allow} when its path is one of the API's
     * under another method, 404 otherwise.
     */
    public void unmatched(ServerRequest request, ServerResponse response) {
        String method = request.prologue().method().text();
        String path = request.path().path();
        List<String> allowed = routes.stream().filter(route -> pathMatches(route.path(), path)).map(Route::method).distinct().toList();
        if (allowed.isEmpty()) {
            sendProblem(response, new ApiException(404, "not-found", "Not found",
                    "no such endpoint: " + method + " " + path + " (see /v1/openapi.json)"));
            return;
        }
        response.header(HeaderNames.ALLOW, String.join(", ", allowed));
        sendProblem(response, new ApiException(405, "method-not-allowed", "Method not allowed",
                path + " takes " + String.join(", ", allowed) + ", not " + method + " (see /v1/openapi.json)"));
    }

    static boolean pathMatches(String pattern, String path) {
        String[] wanted = pattern.split("/", -1);
        String[] given = path.split("/", -1);
        if (wanted.length != given.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            boolean parameter = wanted[i].startsWith("{") && wanted[i].endsWith("}");
            if (parameter ? given[i].isEmpty() : !wanted[i].equals(given[i])) {
                return false;
            }
        }
        return true;
    }

    private void add(Method method, String path, int scope, Endpoint endpoint) {
        routes.add(new Route(method.text(), path, scope));
        // One timer per route and status, registered once: not a registry lookup per request.
        Map<Integer, Timer> timers = new ConcurrentHashMap<>();
        IntFunction<Timer> timer = status -> timers.computeIfAbsent(status, s -> Timer.builder("bourse.http.requests")
                .tag("method", method.text()).tag("route", path).tag("status", Integer.toString(s)).register(meters));
        routing.route(method, path, (request, response) -> serve(request, response, scope, endpoint, timer));
    }

    private void serve(ServerRequest request, ServerResponse response, int scope, Endpoint endpoint, IntFunction<Timer> timer) {
        long start = System.nanoTime();
        int status;
        try {
            limit(perIp, "ip:" + request.remotePeer().host());
            Principal principal = null;
            if (scope != PUBLIC) {
                principal = authenticate(request);
                if (!principal.may(scope)) {
                    throw ApiException.forbidden("this credential lacks the scope this call needs");
                }
                limit(perCredential, principal.accountId() + ":" + principal.credentialId());
            }
            Reply reply = endpoint.handle(new Call(request, principal, maxBodyBytes));
            status = reply.status();
            send(response, reply);
        } catch (ApiException e) {
            status = e.status();
            sendProblem(response, e);
        } catch (EngineUnavailableException e) {
            LOG.warn("{} {}: engine unavailable: {}", request.prologue().method().text(), request.path().path(), e.getMessage());
            ApiException problem = ApiException.unavailable("the trading engine did not answer in time; retry", 1);
            status = problem.status();
            sendProblem(response, problem);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", request.prologue().method().text(), request.path().path(), e);
            ApiException problem = new ApiException(500, "internal-error", "Something went wrong on our side",
                    "the request could not be completed; nothing about it is known to have changed");
            status = problem.status();
            sendProblem(response, problem);
        }
        timer.apply(status).record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static void limit(RateLimiter limiter, String key) {
        long waitSeconds = limiter.acquire(key);
        if (waitSeconds > 0) {
            throw ApiException.rateLimited(waitSeconds);
        }
    }

    /** The caller named by the {@code Authorization: Bearer} header. */
    public Principal authenticate(ServerRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            throw ApiException.unauthorized("send a session token or API key as 'Authorization: Bearer <token>'");
        }
        String value = header.get();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiException.unauthorized("the Authorization header must be 'Bearer <token>'");
        }
        Principal principal = authenticator.authenticate(value.substring(7).trim());
        if (principal == null) {
            throw ApiException.unauthorized("the token is not valid, or has expired or been revoked");
        }
        return principal;
    }

    private static void send(ServerResponse response, Reply reply) {
        response.status(Status.create(reply.status()));
        if (reply.headerName() != null) {
            response.header(reply.headerName(), reply.headerValue());
        }
        if (reply.body() == null) {
            response.send();
            return;
        }
        response.headers().contentType(JSON);
        response.send(Json.write(reply.body()));
    }

    public static void sendProblem(ServerResponse response, ApiException e) {
        response.status(Status.create(e.status()));
        if (e.retryAfterSeconds() > 0) {
            response.header(HeaderNames.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        response.headers().contentType(PROBLEM_JSON);
        response.send(Json.write(e.problem()));
    }
}
