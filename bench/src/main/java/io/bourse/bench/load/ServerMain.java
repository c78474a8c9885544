package io.bourse.bench.load;

import io.bourse.baseline.BaselineServer;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import io.bourse.gateway.Gateway;
import io.bourse.gateway.http.SocketPollers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of a server the load generator starts as a process of its own
 * ({@link ServerProcess}): one engine node, one gateway, or one baseline API server.
 *
 * <p>It prints {@code READY <port>} once it serves, and stops when its standard input closes:
 * the parent closes it to stop the server, and the OS closes it when the parent dies, so no
 * server outlives the run that started it.
 *
 * <pre>
 * engine   &lt;node id&gt; &lt;node ports, comma-separated&gt; &lt;shards&gt; &lt;data directory&gt;
 * gateway  &lt;node ports, comma-separated&gt; &lt;shards&gt;
 * baseline &lt;JDBC URL&gt; &lt;database user&gt; &lt;pool size&gt;
 * </pre>
 */
public final class ServerMain {
    static final String READY = "READY ";

    private ServerMain() {}

    public static void main(String[] args) throws IOException {
        SocketPollers.preferPlatformThreads();
        AutoCloseable server;
        int port;
        switch (args.length > 0 ? args[0] : "") {
            case "engine" -> {
                ClusterLayout layout = layout(args[2], Integer.parseInt(args[3]));
                server = EngineNode.start(EngineNodeConfig.of(args[1], layout, Path.of(args[4])));
                port = layout.node(args[1]).port();
            }
            case "gateway" -> {
                Gateway gateway = LocalBourse.startGateway(layout(args[1], Integer.parseInt(args[2])));
                server = gateway;
                port = gateway.port();
            }
            case "baseline" -> {
                BaselineServer baseline = BaselineServer.start(args[1], args[2], 0, Integer.parseInt(args[3]));
                server = baseline;
                port = baseline.port();
            }
            default -> throw new IllegalArgumentException("unknown server " + Arrays.toString(args));
        }
        System.out.println(READY + port);
        System.out.flush();
        while (System.in.read() >= 0) {
            // nothing is sent; this waits for the end of the stream
        }
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("closing failed: " + e);
        }
        System.exit(0);
    }

    static ClusterLayout layout(String ports, int shards) {
        List<Integer> nodePorts = Arrays.stream(ports.split(",")).map(Integer::valueOf).toList();
        return ClusterLayout.local("127.0.0.1", nodePorts, shards, 3);
    }

    static String ports(List<Integer> ports) {
        return String.join(",", ports.stream().map(String::valueOf).toList());
    }
}
