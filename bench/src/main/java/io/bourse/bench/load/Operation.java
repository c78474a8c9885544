package io.bourse.bench.load;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One request a virtual user makes, the kind it is (for the per-kind counts), and the problem
 * kinds that are a normal answer to it rather than an error: a cancel of an order that filled a
 * moment ago is answered "order-not-open" (or "unknown-order", by a shard that no longer has it), as it should be. The action sends the request and
 * returns its answer to come; it must not block (it runs on the HTTP client's own thread).
 */
record Operation(String kind, Supplier<CompletableFuture<?>> action, Set<String> expectedRejections) {

    Operation(String kind, Supplier<CompletableFuture<?>> action) {
        this(kind, action, Set.of());
    }
}
