package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.ledger.Ledger;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of the trading core over random command streams across three shards. */
class ShardProperties {

    @Property(tries = 60)
    void cashAndSharesAreConservedAndNothingIsOverdrawn(@ForAll long seed, @ForAll @Size(min = 50, max = 400) List<@IntRange(min = 0, max = 9) Integer> steps) {
        RandomTrading trading = new RandomTrading();
        Random random = new Random(seed);
        for (int step : steps) {
            trading.step(step, random);
            trading.network.checkInvariants(); // user accounts never negative, holds match orders, books not crossed
            for (int asset : assets()) {
                assertThat(trading.network.sumOfBalances(asset)).as("asset %d balances", asset).isZero();
                assertThat(trading.clearingIncludingInFlight(asset)).as("asset %d clearing with in-flight", asset).isZero();
            }
        }
        trading.network.deliverAll();
        for (int asset : assets()) {
            assertThat(trading.network.clearing(asset)).as("clearing is flat once quiet, asset %d", asset).isZero();
        }
        long depositedCash = -trading.network.balance(Ledger.OUTSIDE_WORLD, Ledger.CASH);
        long userCash = trading.accounts.stream().mapToLong(a -> trading.network.balance(a, Ledger.CASH)).sum();
        assertThat(userCash + trading.network.balance(Ledger.FEE_REVENUE, Ledger.CASH)).isEqualTo(depositedCash);
    }

    @Property(tries = 30)
    void replayingTheSameStreamGivesTheSameState(@ForAll long seed, @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> steps) {
        assertThat(run(seed, steps).hashes()).isEqualTo(run(seed, steps).hashes());
    }

    /** A replica whose events nobody reads builds none; its state must not differ by a bit (sequence numbers included). */
    @Property(tries = 30)
    void theStateIsTheSameWhetherOrNotEventsAreWanted(@ForAll long seed, @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> steps) {
        assertThat(run(seed, steps, false).hashes()).isEqualTo(run(seed, steps, true).hashes());
    }

    @Property(tries = 30)
    void restoredSnapshotsHashEqualAndBehaveTheSame(@ForAll long seed, @ForAll @Size(min = 2, max = 300) List<@IntRange(min = 0, max = 9) Integer> steps,
                                                   @ForAll @IntRange(min = 0, max = 100) int cutPercent) {
        int cut = steps.size() * cutPercent / 100;
        RandomTrading original = new RandomTrading();
        Random random = new Random(seed);
        for (int step : steps.subList(0, cut)) {
            original.step(step, random);
        }
        RandomTrading restored = original.restoredCopy();
        assertThat(restored.hashes()).isEqualTo(original.hashes());

        long continuation = random.nextLong();
        Random originalRandom = new Random(continuation);
        Random restoredRandom = new Random(continuation);
        for (int step : steps.subList(cut, steps.size())) {
            original.step(step, originalRandom);
            restored.step(step, restoredRandom);
        }
        assertThat(restored.hashes()).isEqualTo(original.hashes());
        assertThat(restored.network.events).isEqualTo(original.network.events.subList(
                original.network.events.size() - restored.network.events.size(), original.network.events.size()));
    }

    @Property(tries = 20)
    void aStreamedSnapshotIsTheSnapshot(@ForAll long seed, @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 9) Integer> steps,
                                        @ForAll @IntRange(min = 16, max = 4_096) int bufferBytes) {
        RandomTrading trading = run(seed, steps);
        for (ShardStateMachine shard : trading.network.shards.values()) {
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            BinaryWriter out = BinaryWriter.streamingTo(streamed::write, bufferBytes);
            shard.writeSnapshot(out);
            out.flush();

            assertThat(streamed.toByteArray()).isEqualTo(shard.snapshot());
            assertThat(out.totalBytes()).isEqualTo(streamed.size());
        }
    }

    private static RandomTrading run(long seed, List<Integer> steps) {
        return run(seed, steps, true);
    }

    private static RandomTrading run(long seed, List<Integer> steps, boolean eventsWanted) {
        RandomTrading trading = new RandomTrading(eventsWanted);
        Random random = new Random(seed);
        steps.forEach(step -> trading.step(step, random));
        trading.network.deliverAll();
        return trading;
    }

    private static int[] assets() {
        return new int[] {Ledger.CASH, RandomTrading.ACME.id(), RandomTrading.WIDGET.id()};
    }

}
