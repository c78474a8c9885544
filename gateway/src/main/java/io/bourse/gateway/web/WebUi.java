package io.bourse.gateway.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The web UI: a handful of static files (plain ES modules, no build step) read from the classpath
 * once at start-up and served at {@code /} and {@code /ui/}. It talks to the same public API as
 * any other client.
 */
public final class WebUi {
    private static final Set<String> FILES = Set.of("index.html", "style.css", "app.js", "api.js", "chart.js", "dom.js");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8", "js", "text/javascript; charset=utf-8");

    private final Map<String, byte[]> files = new HashMap<>();

    public WebUi() {
        for (String name : FILES) {
            try (InputStream in = WebUi.class.getResourceAsStream("/web/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("web/" + name + " is missing from the gateway's resources");
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> send(res, "index.html"));
        routing.get("/ui/{file}", (req, res) -> {
            String name = req.path().pathParameters().get("file");
            if (!files.containsKey(name)) {
                res.status(Status.NOT_FOUND_404).send();
                return;
            }
            send(res, name);
        });
    }

    private void send(ServerResponse res, String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1);
        res.headers().contentType(HttpMediaType.create(TYPES.get(extension)));
        // Small files, and a new release must show at once: always revalidate.
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:");
        res.send(files.get(name));
    }
}
