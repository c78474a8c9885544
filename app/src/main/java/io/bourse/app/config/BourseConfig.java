package io.bourse.app.config;

import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.NodeAddress;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Bourse's one configuration format: a properties file, the same on every machine of a cluster
 * (see {@code deploy/cluster.properties}). Every value is checked when read; a bad one is a
 * {@link ConfigException} naming the key, the value and what was expected.
 *
 * <pre>
 * cluster.nodes    = node-1@10.0.0.1:7101, node-2@10.0.0.2:7101, node-3@10.0.0.3:7101
 * cluster.shards   = 4          # fixed when the cluster is first started
 * cluster.replicas = 3
 * node.data        = /var/lib/bourse
 * gateway.host     = 0.0.0.0
 * gateway.port     = 8080
 * </pre>
 */
public record BourseConfig(ClusterLayout layout, Path dataDirectory, String gatewayHost, int gatewayPort,
                           int passwordIterations) {

    public static BourseConfig load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e.getMessage());
        }
        return parse(properties, file.toString());
    }

    static BourseConfig parse(Properties properties, String source) {
        for (String key : properties.stringPropertyNames()) {
            if (!List.of("cluster.nodes", "cluster.shards", "cluster.replicas", "node.data", "gateway.host", "gateway.port",
                    "gateway.password-iterations").contains(key)) {
                throw new ConfigException(key + ": not a setting Bourse knows (in " + source + ")");
            }
        }
        List<NodeAddress> nodes = nodes(required(properties, "cluster.nodes"));
        int shards = integer(properties, "cluster.shards", null, 1, 1024);
        int replicas = integer(properties, "cluster.replicas", 3, 1, 7);
        if (replicas > nodes.size()) {
            throw new ConfigException("cluster.replicas: " + replicas + " replicas need at least as many nodes in cluster.nodes, not "
                    + nodes.size());
        }
        ClusterLayout layout;
        try {
            layout = ClusterLayout.spread(nodes, shards, replicas);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cluster.nodes: " + e.getMessage());
        }
        Path data = Path.of(properties.getProperty("node.data", "data"));
        String host = properties.getProperty("gateway.host", "0.0.0.0").trim();
        int port = integer(properties, "gateway.port", 8080, 0, 65_535);
        int iterations = integer(properties, "gateway.password-iterations", 210_000, 10_000, 10_000_000);
        return new BourseConfig(layout, data, host, port, iterations);
    }

    /** "node-1@host:port, node-2@host:port, ..." */
    private static List<NodeAddress> nodes(String text) {
        List<NodeAddress> nodes = new ArrayList<>();
        for (String part : text.split(",")) {
            String entry = part.trim();
            int at = entry.indexOf('@');
            int colon = entry.lastIndexOf(':');
            if (at <= 0 || colon <= at + 1) {
                throw new ConfigException("cluster.nodes: '" + entry + "' is not of the form node-id@host:port");
            }
            try {
                nodes.add(new NodeAddress(entry.substring(0, at), entry.substring(at + 1, colon),
                        Integer.parseInt(entry.substring(colon + 1))));
            } catch (NumberFormatException e) {
                throw new ConfigException("cluster.nodes: '" + entry + "' has a port that is not a number");
            } catch (IllegalArgumentException e) {
                throw new ConfigException("cluster.nodes: " + e.getMessage());
            }
        }
        return nodes;
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new ConfigException(key + ": is required");
        }
        return value.trim();
    }

    private static int integer(Properties properties, String key, Integer defaultValue, int min, int max) {
        String value = properties.getProperty(key);
        if (value == null) {
            if (defaultValue == null) {
                throw new ConfigException(key + ": is required");
            }
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ConfigException(key + ": must be a whole number from " + min + " to " + max + ", not '" + value.trim() + "'");
    }
}
