package io.bourse.app;

import io.bourse.app.config.BourseConfig;
import io.bourse.app.config.ConfigException;
import io.bourse.engine.node.EngineNode;
import io.bourse.engine.node.EngineNodeConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one engine node of a cluster: the replicas the layout places on it, behind one RPC port. */
@Command(name = "engine", mixinStandardHelpOptions = true,
        description = "Runs one engine node: the directory and shard replicas the cluster layout places on it.")
final class EngineCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "The cluster's configuration file (see deploy/cluster.properties).")
    Path config;

    @Option(names = "--node", required = true, description = "This node's id, as cluster.nodes names it (e.g. node-1).")
    String nodeId;

    @Option(names = "--data", description = "Where this node keeps its data (default: node.data from the configuration, then the node id).")
    Path data;

    @Option(names = "--metrics-port", description = "Serve Prometheus metrics at http://<this node's host>:<port>/metrics (default: none).")
    Integer metricsPort;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            err.println("error: --metrics-port must be a port number (0 to 65535), not " + metricsPort);
            return 2;
        }
        EngineMetricsServer metrics = null;
        EngineNode node;
        try {
            BourseConfig cluster = BourseConfig.load(config);
            if (cluster.layout().nodes().stream().noneMatch(n -> n.id().equals(nodeId))) {
                err.println("error: --node " + nodeId + " is not in cluster.nodes of " + config);
                return 2;
            }
            String host = cluster.layout().node(nodeId).host();
            if (metricsPort != null) {
                metrics = EngineMetricsServer.start(host, metricsPort);
            }
            Path directory = data != null ? data : cluster.dataDirectory().resolve(nodeId);
            out.printf("Starting engine node %s on %s, data in %s ...%n", nodeId, cluster.layout().node(nodeId).endpoint(),
                    directory.toAbsolutePath());
            out.flush();
            node = EngineNode.start(EngineNodeConfig.of(nodeId, cluster.layout(), directory));
            if (metrics != null) {
                metrics.bind(node);
                out.printf("Metrics: http://%s:%d/metrics%n", host, metrics.port());
            }
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            if (metrics != null) {
                metrics.close();
            }
            err.println("error: " + e.getMessage());
            return 1;
        }
        EngineMetricsServer metricsToStop = metrics;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (metricsToStop != null) {
                metricsToStop.close();
            }
            node.close();
        }));
        out.printf("Engine node %s running with %s. Stop with Ctrl-C or SIGTERM.%n", nodeId, node.shards().keySet());
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
