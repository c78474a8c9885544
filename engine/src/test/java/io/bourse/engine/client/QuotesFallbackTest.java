package io.bourse.engine.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bourse.core.shard.MarketStatsView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A market shard that refuses the several-quotes read (a node of an older release) is asked one quote at a time. */
class QuotesFallbackTest {
    private final List<Integer> askedOneByOne = new ArrayList<>();

    @Test
    void quotesReadTogetherAreTakenAsTheyCome() {
        List<MarketStatsView> quotes = EngineClient.quotesOneByOneIfRefused(() -> List.of(quote(1), quote(2)), List.of(1, 2), this::one);

        assertThat(quotes).extracting(MarketStatsView::instrumentId).containsExactly(1, 2);
        assertThat(askedOneByOne).isEmpty();
    }

    @Test
    void aShardThatRefusesTheReadIsAskedForEachQuote() {
        List<MarketStatsView> quotes = EngineClient.quotesOneByOneIfRefused(() -> {
            throw new EngineRequestException("shard-2: unknown query tag 12");
        }, List.of(3, 5, 8), this::one);

        assertThat(quotes).extracting(MarketStatsView::instrumentId).containsExactly(3, 5, 8);
        assertThat(quotes).extracting(MarketStatsView::lastTicks).containsExactly(300L, 500L, 800L);
        assertThat(askedOneByOne).containsExactly(3, 5, 8);
    }

    @Test
    void aRefusalTheSingleReadsShareIsThrownFromThem() {
        assertThatThrownBy(() -> EngineClient.quotesOneByOneIfRefused(() -> {
            throw new EngineRequestException("shard-2: malformed request");
        }, List.of(3), id -> {
            throw new EngineRequestException("shard-2: malformed request");
        })).isInstanceOf(EngineRequestException.class).hasMessage("shard-2: malformed request");
    }

    @Test
    void aShardThatCannotBeReachedIsNotAskedAgainOneByOne() {
        assertThatThrownBy(() -> EngineClient.quotesOneByOneIfRefused(() -> {
            throw new EngineUnavailableException("shard-2 has no leader");
        }, List.of(3, 5), this::one)).isInstanceOf(EngineUnavailableException.class);
        assertThat(askedOneByOne).isEmpty();
    }

    private MarketStatsView one(int instrumentId) {
        askedOneByOne.add(instrumentId);
        return quote(instrumentId);
    }

    private static MarketStatsView quote(int instrumentId) {
        return new MarketStatsView(instrumentId, instrumentId * 100L, 0, 0, 0, 0, 0, 0, 0, 0, 1, false);
    }
}
