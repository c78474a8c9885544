package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.core.codec.MalformedInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Every released snapshot format must still restore. Each version's files were written once by
 * {@link SnapshotFixtures} and committed; they are never regenerated.
 */
class SnapshotCompatibilityTest {

    @ParameterizedTest(name = "format v{0}, shard {1}")
    @CsvSource({"1, 1", "1, 2", "1, 3", "2, 1", "2, 2", "2, 3", "3, 1", "3, 2", "3, 3"})
    void committedSnapshotRestoresToTheSameState(int version, int shardId) throws IOException {
        String folder = "/snapshots/v" + version + "/";
        byte[] snapshot = resource(folder + "shard-" + shardId + ".bin");
        List<Long> accounts = lines(folder + "accounts").stream().map(Long::parseLong).toList();

        ShardStateMachine restored = ShardStateMachine.restore(snapshot, ShardLimits.defaults(), ShardEvent.Sink.NONE);

        assertThat(SnapshotFixtures.summary(restored, accounts)).isEqualTo(lines(folder + "shard-" + shardId + ".summary"));
        if (version == ShardSnapshot.CURRENT_VERSION) {
            assertThat(restored.stateHash()).isEqualTo(lines(folder + "shard-" + shardId + ".sha256").get(0));
        }
    }

    @Test
    void theSessionThatWroteTheCurrentVersionStillProducesIt() throws IOException {
        // While a version is current, today's code must write exactly its committed bytes.
        RandomTrading trading = SnapshotFixtures.session();
        for (ShardStateMachine shard : trading.network.shards.values()) {
            assertThat(shard.snapshot())
                    .isEqualTo(resource("/snapshots/v" + ShardSnapshot.CURRENT_VERSION + "/shard-" + shard.shardId() + ".bin"));
        }
    }

    @ParameterizedTest(name = "shard {0}")
    @CsvSource({"1", "2", "3"})
    void aVersion2SnapshotRestoresToExactlyTheStateVersion3Wrote(int shardId) throws IOException {
        // Same session, both formats: version 2 kept idempotency keys' text, version 3 their digests.
        // Digested as they are read, the old keys must be the very records the new writer wrote.
        byte[] version2 = resource("/snapshots/v2/shard-" + shardId + ".bin");
        ShardStateMachine restored = ShardStateMachine.restore(version2, ShardLimits.defaults(), ShardEvent.Sink.NONE);
        assertThat(restored.snapshot()).isEqualTo(resource("/snapshots/v3/shard-" + shardId + ".bin"));
    }

    @Test
    void corruptedOrUnknownSnapshotsAreRefusedClearly() throws IOException {
        byte[] snapshot = resource("/snapshots/v1/shard-2.bin");
        byte[] truncated = Arrays.copyOf(snapshot, snapshot.length / 2);
        assertThatThrownBy(() -> ShardStateMachine.restore(truncated, ShardLimits.defaults(), ShardEvent.Sink.NONE))
                .isInstanceOf(MalformedInputException.class);
        byte[] future = snapshot.clone();
        future[7] = 99; // version 99
        assertThatThrownBy(() -> ShardStateMachine.restore(future, ShardLimits.defaults(), ShardEvent.Sink.NONE))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("version 99");
        assertThatThrownBy(() -> ShardStateMachine.restore(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, ShardLimits.defaults(), ShardEvent.Sink.NONE))
                .isInstanceOf(MalformedInputException.class).hasMessageContaining("not a Bourse shard snapshot");
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = SnapshotCompatibilityTest.class.getResourceAsStream(name)) {
            assertThat(in).as("resource %s", name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static List<String> lines(String name) throws IOException {
        return new String(resource(name), StandardCharsets.UTF_8).lines().toList();
    }
}
