package io.bourse.engine.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {
    @TempDir
    Path directory;

    @Test
    void whatIsWrittenIsReadBackExactly() throws IOException {
        byte[] state = new byte[3 * 1024 * 1024 + 17]; // not a multiple of any buffer size
        new Random(42).nextBytes(state);

        write(state);

        assertThat(Files.size(directory.resolve(SnapshotFile.NAME))).isEqualTo(16 + state.length);
        assertThat(SnapshotFile.read(directory)).isEqualTo(state);
    }

    @Test
    void anEmptyStateRoundTrips() throws IOException {
        write(new byte[0]);

        assertThat(SnapshotFile.read(directory)).isEmpty();
    }

    @Test
    void rewritingReplacesTheWholeFile() throws IOException {
        write(new byte[100_000]);
        write(new byte[] {1, 2, 3});

        assertThat(SnapshotFile.read(directory)).containsExactly(1, 2, 3);
    }

    @Test
    void aFlippedByteIsCaughtByTheChecksum() throws IOException {
        write(new byte[] {1, 2, 3, 4, 5});
        try (RandomAccessFile file = new RandomAccessFile(directory.resolve(SnapshotFile.NAME).toFile(), "rw")) {
            file.seek(16 + 2);
            file.write(99);
        }

        assertThatThrownBy(() -> SnapshotFile.read(directory)).isInstanceOf(IOException.class).hasMessageContaining("checksum");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        write(new byte[1_000]);
        try (RandomAccessFile file = new RandomAccessFile(directory.resolve(SnapshotFile.NAME).toFile(), "rw")) {
            file.setLength(16 + 500);
        }

        assertThatThrownBy(() -> SnapshotFile.read(directory)).isInstanceOf(IOException.class).hasMessageContaining("length");
    }

    @Test
    void aFileShorterThanItsHeaderIsRefused() throws IOException {
        Files.write(directory.resolve(SnapshotFile.NAME), new byte[10]);

        assertThatThrownBy(() -> SnapshotFile.read(directory)).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void aFileOfAnotherKindIsRefused() throws IOException {
        Files.write(directory.resolve(SnapshotFile.NAME), new byte[64]);

        assertThatThrownBy(() -> SnapshotFile.read(directory)).isInstanceOf(IOException.class).hasMessageContaining("not a Bourse snapshot");
    }

    @Test
    void aFileWrittenInPiecesReadsBackWhole() throws IOException {
        byte[] state = new byte[1_000_003];
        new Random(7).nextBytes(state);

        try (SnapshotFile.Writing file = SnapshotFile.create(directory)) {
            for (int offset = 0; offset < state.length; offset += 4_096) {
                file.append(state, offset, Math.min(4_096, state.length - offset));
            }
            file.finish();
            assertThat(file.stateBytes()).isEqualTo(state.length);
        }

        assertThat(SnapshotFile.read(directory)).isEqualTo(state);
    }

    @Test
    void anUnfinishedFileIsNeverTakenForASnapshot() throws IOException {
        try (SnapshotFile.Writing file = SnapshotFile.create(directory)) {
            file.append(new byte[] {1, 2, 3}, 0, 3);
        } // closed without finishing, as when serializing fails half-way

        assertThatThrownBy(() -> SnapshotFile.read(directory)).isInstanceOf(IOException.class).hasMessageContaining("not a Bourse snapshot");
    }

    private void write(byte[] state) throws IOException {
        try (SnapshotFile.Writing file = SnapshotFile.create(directory)) {
            file.append(state, 0, state.length);
            file.finish();
        }
    }
}
