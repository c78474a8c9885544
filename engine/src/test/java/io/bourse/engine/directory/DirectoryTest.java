package io.bourse.engine.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import io.bourse.core.shard.Outcome;
import io.bourse.engine.cluster.ClusterLayout;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The directory's commands, applied as its replicas apply them. */
class DirectoryTest {
    private static final Instrument ACME = new Instrument(1, "ACME", 1, 1, 10_000, 1_000, 500, 1, 2, 100_000); // $100.00, ±10 %

    private final Directory directory = new Directory();

    @BeforeEach
    void listAcme() {
        apply(Directory.bootstrap(ClusterLayout.local("127.0.0.1", List.of(7101, 7102, 7103), 2, 3)));
        assertThat(apply(Directory.listInstrument(ACME, 2)).outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    private CommandResult apply(byte[] command) {
        return CommandCodec.readResult(new BinaryReader(directory.apply(1_000, new BinaryReader(command), true)));
    }

    private Instrument acme() {
        return directory.view().instrument(ACME.id()).orElseThrow().instrument();
    }

    @Test
    void aMovedReferencePriceMovesTheBandAndKeepsEverythingElse() {
        long versionBefore = directory.view().version();
        assertThat(apply(Directory.moveReferencePrice(ACME.id(), 10_450)).outcome()).isEqualTo(Outcome.ACCEPTED);

        assertThat(acme()).isEqualTo(ACME.withReferencePrice(10_450));
        assertThat(acme().bandLowTicks()).isEqualTo(9_405);
        assertThat(directory.view().instrument(ACME.id()).orElseThrow().marketShard()).isEqualTo(2);
        assertThat(directory.view().version()).isEqualTo(versionBefore + 1);
        // Moving it to where it is already changes nothing: a repeated end of day is harmless.
        assertThat(apply(Directory.moveReferencePrice(ACME.id(), 10_450)).outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(directory.view().version()).isEqualTo(versionBefore + 1);
    }

    @Test
    void anUnknownInstrumentOrAnImpossiblePriceIsRefusedAndChangesNothing() {
        byte[] before = directory.snapshot();
        assertThat(apply(Directory.moveReferencePrice(99, 10_000)).reason()).isEqualTo(RejectReason.UNKNOWN_INSTRUMENT);
        assertThat(apply(Directory.moveReferencePrice(ACME.id(), 0)).reason()).isEqualTo(RejectReason.INVALID_PRICE);
        assertThat(directory.snapshot()).isEqualTo(before);
    }
}
