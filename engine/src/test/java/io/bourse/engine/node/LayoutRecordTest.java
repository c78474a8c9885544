package io.bourse.engine.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.engine.cluster.ClusterLayout;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutRecordTest {
    private static final ClusterLayout THREE_NODES_FOUR_SHARDS = ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7103), 4, 3);

    @TempDir
    Path data;

    @Test
    void aRecordedLayoutLetsTheSameOneStartAndIsNotRewritten() throws IOException {
        LayoutRecord.check(data, "node-1", THREE_NODES_FOUR_SHARDS); // nothing recorded yet
        LayoutRecord.record(data, THREE_NODES_FOUR_SHARDS);
        String recorded = Files.readString(data.resolve(LayoutRecord.FILE));

        LayoutRecord.check(data, "node-1", ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7103), 4, 3));
        LayoutRecord.record(data, ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7103), 2, 3));
        assertThat(Files.readString(data.resolve(LayoutRecord.FILE))).isEqualTo(recorded);
        assertThat(data.resolve(LayoutRecord.FILE + ".new")).doesNotExist();
    }

    @Test
    void anotherAddressIsRefused() {
        LayoutRecord.record(data, THREE_NODES_FOUR_SHARDS);

        assertThatThrownBy(() -> LayoutRecord.check(data, "node-1", ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7203), 4, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node-1's data in " + data)
                .hasMessageContaining("recorded \"node node-3 127.0.0.1:7103\", now \"node node-3 127.0.0.1:7203\"");
    }

    @Test
    void moreShardsOrAnotherNodeAreRefused() {
        LayoutRecord.record(data, THREE_NODES_FOUR_SHARDS);

        assertThatThrownBy(() -> LayoutRecord.check(data, "node-2", ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7103), 6, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("now also \"shard-5 node-2,node-3,node-1\"");
        assertThatThrownBy(() -> LayoutRecord.check(data, "node-2", ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7103, 7104), 4, 3)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("recorded \"directory node-1,node-2,node-3\", now \"node node-4 127.0.0.1:7104\"");
    }

    @Test
    void anEngineNodeRefusesToStartOnDataOfAnotherLayoutBeforeItListens() throws IOException {
        LayoutRecord.record(data, THREE_NODES_FOUR_SHARDS);
        String recorded = Files.readString(data.resolve(LayoutRecord.FILE));
        ClusterLayout other = ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7103), 2, 3);

        assertThatThrownBy(() -> EngineNode.start(EngineNodeConfig.of("node-1", other, data)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("laid out otherwise")
                .hasMessageContaining("no longer \"shard-3 node-3,node-1,node-2\"");
        assertThat(data.resolve("raft-log")).doesNotExist();
        assertThat(Files.readString(data.resolve(LayoutRecord.FILE))).isEqualTo(recorded);
    }

    @Test
    void aFirstStartThatFailsRecordsNothingSoTheConfigurationCanBeCorrected() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ClusterLayout onATakenPort = ClusterLayout.local("127.0.0.1", List.of(taken.getLocalPort()), 1, 1);

            assertThatThrownBy(() -> EngineNode.start(EngineNodeConfig.of("node-1", onATakenPort, data)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen");
        }
        assertThat(data.resolve(LayoutRecord.FILE)).doesNotExist();
    }
}
