package io.bourse.engine.client;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the answers of calls to engine nodes, and gives up on any that has not come a while
 * after its call's own timeout, as if the node had not answered.
 *
 * <p>Why: the RPC library (SOFA Bolt) answers a call's callback exactly once, with the answer or a
 * failure (the timeout included), except where it only logs: an answer it cannot read, a failure
 * inside its own dispatch. A caller waiting on that callback would then wait forever, and with it
 * one of its gateway's call slots to a shard. A timed wait per call would bound it too, but costs a
 * timer scheduled and cancelled per call (measured: about a twentieth of a gateway's CPU under
 * load); here a call costs an entry in a concurrent set, and one thread sweeps the set every
 * second for every client in the process.
 */
final class LostAnswers {
    private static final Logger LOG = LoggerFactory.getLogger(LostAnswers.class);
    private static final LostAnswers PROCESS = new LostAnswers(1_000, 1_000);

    private record Watched(CompletableFuture<?> answer, long giveUpAtNanos) {}

    /** What a given-up call's answer is completed with; never leaves {@link #await}. */
    private static final class GivenUp extends Exception {
        private static final GivenUp INSTANCE = new GivenUp();

        private GivenUp() {
            super("no answer past the call's timeout", null, false, false);
        }
    }

    private final Set<Watched> inFlight = ConcurrentHashMap.newKeySet();
    private final LongAdder givenUp = new LongAdder();
    private final long graceNanos;

    LostAnswers(long graceMillis, long sweepMillis) {
        this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("engine-client-lost-answers").factory())
                .scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
    }

    /** The process's watch, shared by its engine clients. */
    static LostAnswers process() {
        return PROCESS;
    }

    /**
     * The call's answer, waited for until it comes or, {@code timeoutMillis} (the call's own
     * timeout) and a grace period after now, null: no answer.
     */
    <T> T await(CompletableFuture<T> answer, long timeoutMillis) throws InterruptedException, ExecutionException {
        Watched watched = new Watched(answer, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) + graceNanos);
        inFlight.add(watched);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() != GivenUp.INSTANCE) {
                throw e;
            }
            // Counted here, by the caller, so the count is up to date when the caller sees null.
            givenUp.increment();
            return null;
        } finally {
            inFlight.remove(watched);
        }
    }

    /** The calls given up on so far. */
    long givenUp() {
        return givenUp.sum();
    }

    void sweep() {
        long now = System.nanoTime();
        for (Watched watched : inFlight) {
            if (now - watched.giveUpAtNanos() > 0 && watched.answer().completeExceptionally(GivenUp.INSTANCE)) {
                LOG.warn("an engine node's answer never reached its caller, past the call's timeout; taken as no answer");
            }
        }
    }
}
