package io.bourse.app;

import io.bourse.app.config.BourseConfig;
import io.bourse.app.config.ConfigException;
import io.bourse.gateway.Gateway;
import io.bourse.gateway.GatewayConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs one gateway: stateless, so run as many as the traffic needs, anywhere that reaches the engine nodes. */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Runs one gateway: the REST API, the WebSocket stream and the web UI, in front of the engine cluster.")
final class GatewayCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", required = true, description = "The cluster's configuration file (see deploy/cluster.properties).")
    Path config;

    @Option(names = "--port", description = "HTTP port (default: gateway.port from the configuration).")
    Integer port;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Gateway gateway;
        try {
            BourseConfig cluster = BourseConfig.load(config);
            int listenPort = port != null ? port : cluster.gatewayPort();
            if (listenPort < 0 || listenPort > 65_535) {
                err.println("error: --port must be from 0 to 65535, not " + listenPort);
                return 2;
            }
            out.printf("Starting a gateway on %s:%d ...%n", cluster.gatewayHost(), listenPort);
            out.flush();
            gateway = Gateway.start(GatewayConfig.of(cluster.gatewayHost(), listenPort, cluster.layout())
                    .withPasswordIterations(cluster.passwordIterations()));
        } catch (ConfigException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("error: the gateway could not start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        out.printf("Gateway running on port %d. Stop with Ctrl-C or SIGTERM.%n", gateway.port());
        out.flush();
        new CountDownLatch(1).await();
        return 0;
    }
}
