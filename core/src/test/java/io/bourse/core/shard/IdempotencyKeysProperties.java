package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.ledger.Retention;
import io.bourse.core.order.RejectReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The packed store of idempotency keys behaves like a plain queue of entries searched one by one. */
class IdempotencyKeysProperties {
    private static final long WINDOW = 50;

    @Property(tries = 200)
    void remembersExactlyWhatAPlainQueueHolds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int steps,
                                              @ForAll @IntRange(min = 1, max = 300) int capacity,
                                              @ForAll @IntRange(min = 0, max = (int) WINDOW) int guarantee) {
        Random random = new Random(seed);
        IdempotencyKeys packed = new IdempotencyKeys(new Retention(WINDOW, guarantee, capacity));
        ArrayDeque<IdempotencyKeys.Entry> model = new ArrayDeque<>();
        long now = 0;
        for (int step = 0; step < steps; step++) {
            now += random.nextInt(3); // log time never goes back; often it stands still
            // Few accounts and short keys: many near-collisions in the table.
            long account = 1 + random.nextInt(5);
            String key = "k" + random.nextInt(40);

            // The model's rule, written out: past the window always, past the guarantee when full.
            while (!model.isEmpty() && (now - model.peekFirst().atMillis() > WINDOW
                    || (model.size() >= capacity && now - model.peekFirst().atMillis() > guarantee))) {
                model.pollFirst();
            }
            boolean full = packed.isFull(now);
            assertThat(full).isEqualTo(model.size() >= capacity);
            if (!full && find(model, account, key) == null) {
                IdempotencyKeys.Entry entry = new IdempotencyKeys.Entry(account, KeyDigest.of(key), random.nextLong(), anyResult(random), now);
                packed.remember(entry);
                model.addLast(entry);
            }

            assertThat(packed.size()).isEqualTo(model.size());
            for (long a = 1; a <= 5; a++) {
                for (int k = 0; k < 40; k += 7) {
                    assertThat(packed.find(a, KeyDigest.of("k" + k))).isEqualTo(find(model, a, "k" + k));
                }
            }
        }
        List<IdempotencyKeys.Entry> all = new ArrayList<>();
        packed.forEachOldestFirst(all::add);
        assertThat(all).containsExactlyElementsOf(model);
    }

    private static CommandResult anyResult(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> CommandResult.ACCEPTED;
            case 1 -> CommandResult.accepted(1 + random.nextInt(1_000_000));
            case 2 -> CommandResult.duplicate(random.nextLong() & Long.MAX_VALUE);
            default -> CommandResult.rejected(RejectReason.values()[random.nextInt(RejectReason.values().length)]);
        };
    }

    private static IdempotencyKeys.Entry find(ArrayDeque<IdempotencyKeys.Entry> model, long account, String key) {
        for (IdempotencyKeys.Entry entry : model) {
            if (entry.accountId() == account && entry.key().equals(KeyDigest.of(key))) {
                return entry;
            }
        }
        return null;
    }
}
