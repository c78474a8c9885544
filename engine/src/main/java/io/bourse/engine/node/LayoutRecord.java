package io.bourse.engine.node;

import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.NodeAddress;
import io.bourse.engine.cluster.ShardLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster layout a node's data was made for, kept in its data directory, so that the node
 * refuses to start on a different one.
 *
 * <p>Why: the layout is fixed when a cluster first starts. Each group's Raft log names its peers
 * by address, and the directory has recorded the shards and slots. A node started with other
 * nodes, addresses, shards or replica placement would not fail on its own: it would leave some of
 * its old replicas unstarted (their groups run on with fewer copies than configured) and start
 * empty ones that their groups never admit, or lead groups no slot points to. A clear refusal at
 * start is the only safe answer until the layout can be changed while running.
 */
final class LayoutRecord {
    static final String FILE = "cluster-layout";

    private LayoutRecord() {}

    /**
     * Throws {@link IllegalStateException}, saying what differs, when {@code dataDirectory} records
     * a layout other than {@code layout}; does nothing when it records none yet.
     */
    static void check(Path dataDirectory, String nodeId, ClusterLayout layout) {
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            return;
        }
        List<String> recorded;
        try {
            recorded = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> wanted = describe(layout);
        if (!recorded.equals(wanted)) {
            throw new IllegalStateException(nodeId + "'s data in " + dataDirectory + " belongs to a cluster laid out "
                    + "otherwise (" + firstDifference(recorded, wanted) + "); a cluster's nodes, addresses and shards are fixed when "
                    + "it first starts: start it with the configuration it was created with (recorded in " + file + ")");
        }
    }

    /**
     * Records {@code layout} in {@code dataDirectory} unless a layout is recorded there already.
     * Called once the node has started its replicas on it, so that a first start that failed (a
     * port in use, say) ties the data to nothing, and the operator may correct the configuration.
     * The record is forced to disk before it takes its name: after a power loss it is either whole
     * or absent, never an empty file that would refuse the right layout.
     */
    static void record(Path dataDirectory, ClusterLayout layout) {
        Path file = dataDirectory.resolve(FILE);
        if (Files.exists(file)) {
            return;
        }
        Path written = dataDirectory.resolve(FILE + ".new");
        try (FileChannel channel = FileChannel.open(written, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer content = ByteBuffer.wrap((String.join("\n", describe(layout)) + "\n").getBytes(StandardCharsets.UTF_8));
            while (content.hasRemaining()) {
                channel.write(content);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + written + ": " + e.getMessage(), e);
        }
        try {
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + written + " to " + file + ": " + e.getMessage(), e);
        }
    }

    /** One line per fact, in a fixed order: the nodes, the directory's replicas, each shard's replicas. */
    static List<String> describe(ClusterLayout layout) {
        List<String> lines = new ArrayList<>();
        for (NodeAddress node : layout.nodes()) {
            lines.add("node " + node.id() + " " + node.endpoint());
        }
        lines.add(ClusterLayout.DIRECTORY_GROUP + " " + String.join(",", layout.directoryReplicas()));
        for (ShardLayout shard : layout.shards()) {
            lines.add(shard.groupId() + " " + String.join(",", shard.replicas()));
        }
        return lines;
    }

    private static String firstDifference(List<String> recorded, List<String> wanted) {
        for (int i = 0; i < Math.max(recorded.size(), wanted.size()); i++) {
            String was = i < recorded.size() ? recorded.get(i) : null;
            String now = i < wanted.size() ? wanted.get(i) : null;
            if (was == null) {
                return "now also \"" + now + "\"";
            }
            if (now == null) {
                return "no longer \"" + was + "\"";
            }
            if (!was.equals(now)) {
                return "recorded \"" + was + "\", now \"" + now + "\"";
            }
        }
        return "no difference";
    }
}
