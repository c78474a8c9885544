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
    @CsvSource({"1, 1", "1, 2", "1, 3", "2, 1", "2, 2", "2, 3", "3, 1", "3, 2", "3, 3", "4, 1", "4, 2", "4, 3"})
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
        // Digested as they are read, the old keys must be the very records the new reader restores.
        ShardStateMachine fromVersion2 = ShardStateMachine.restore(resource("/snapshots/v2/shard-" + shardId + ".bin"),
                ShardLimits.defaults(), ShardEvent.Sink.NONE);
        ShardStateMachine fromVersion3 = ShardStateMachine.restore(resource("/snapshots/v3/shard-" + shardId + ".bin"),
                ShardLimits.defaults(), ShardEvent.Sink.NONE);
        assertThat(fromVersion2.snapshot()).isEqualTo(fromVersion3.snapshot());
    }

    @ParameterizedTest(name = "shard {0}")
    @CsvSource({"1", "2", "3"})
    void aVersion3SnapshotRestoresWithNoTransfersKeptAndOtherwiseTheStateVersion4Wrote(int shardId) throws IOException {
        // Same session, both formats: version 4 adds each account's deposits and withdrawals, which
        // version 3 did not keep. Without them, the two must be the same state.
        ShardStateMachine fromVersion3 = ShardStateMachine.restore(resource("/snapshots/v3/shard-" + shardId + ".bin"),
                ShardLimits.defaults(), ShardEvent.Sink.NONE);
        ShardStateMachine fromVersion4 = ShardStateMachine.restore(resource("/snapshots/v4/shard-" + shardId + ".bin"),
                ShardLimits.defaults(), ShardEvent.Sink.NONE);
        long[] withTransfers = fromVersion4.accounts.history.accountsWithTransfers();
        assertThat(withTransfers).isNotEmpty();
        assertThat(fromVersion3.accounts.history.accountsWithTransfers()).isEmpty();
        // The transfers are the snapshot's last section: a count of accounts, then each account's id,
        // count and records of 29 bytes. Version 3's state, written now, ends with a count of none.
        int section = 4;
        for (long account : withTransfers) {
            section += 12 + 29 * fromVersion4.transfers(account).size();
        }
        byte[] version4 = fromVersion4.snapshot();
        byte[] version3Now = fromVersion3.snapshot();
        assertThat(Arrays.copyOf(version3Now, version3Now.length - 4)).isEqualTo(Arrays.copyOf(version4, version4.length - section));
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
