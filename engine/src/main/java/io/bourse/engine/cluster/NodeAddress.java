package io.bourse.engine.cluster;

/** An engine node: its id and the address of its one RPC port (Raft and Bourse traffic share it). */
public record NodeAddress(String id, String host, int port) {
    public NodeAddress {
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new IllegalArgumentException("node id must be 1-32 lowercase letters, digits or dashes: " + id);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("node " + id + " has no host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("node " + id + " port " + port + " is not in 1..65535");
        }
    }

    public String endpoint() {
        return host + ":" + port;
    }
}
