package io.bourse.engine.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.core.instrument.Instrument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryViewTest {
    private static InstrumentListing listing(int id, String symbol, int marketShard) {
        return new InstrumentListing(new Instrument(id, symbol, 1, 1, 10_000, 1_000, 500, 1, 2, 100_000), marketShard);
    }

    @Test
    void findsEveryListedInstrumentBySymbolAndById() {
        List<InstrumentListing> listings = new ArrayList<>();
        for (int i = 1; i <= 5_000; i++) {
            listings.add(listing(i, "S" + i, i % 4));
        }
        DirectoryView view = new DirectoryView(7, null, new int[0], listings);

        for (InstrumentListing listing : listings) {
            assertThat(view.instrument(listing.instrument().symbol())).contains(listing);
            assertThat(view.instrument(listing.instrument().id())).contains(listing);
        }
        assertThat(view.instruments()).containsExactlyElementsOf(listings);
        assertThat(view.version()).isEqualTo(7);
    }

    @Test
    void whatIsNotListedIsNotFound() {
        DirectoryView view = new DirectoryView(1, null, new int[0], List.of(listing(1, "ACME", 0)));

        assertThat(view.instrument("GLOBEX")).isEmpty();
        assertThat(view.instrument("acme")).isEmpty();
        assertThat(view.instrument((String) null)).isEmpty();
        assertThat(view.instrument(2)).isEmpty();
    }

    @Test
    void anInstrumentListedTwiceIsRefused() {
        assertThatThrownBy(() -> new DirectoryView(1, null, new int[0], List.of(listing(1, "ACME", 0), listing(2, "ACME", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ACME");
        assertThatThrownBy(() -> new DirectoryView(1, null, new int[0], List.of(listing(1, "ACME", 0), listing(1, "GLOBEX", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id 1");
    }

    @Test
    void theListDoesNotChangeWithTheCallers() {
        List<InstrumentListing> listings = new ArrayList<>(List.of(listing(1, "ACME", 0)));
        DirectoryView view = new DirectoryView(1, null, new int[0], listings);

        listings.add(listing(2, "GLOBEX", 1));

        assertThat(view.instruments()).hasSize(1);
        assertThat(view.instrument("GLOBEX")).isEmpty();
    }
}
