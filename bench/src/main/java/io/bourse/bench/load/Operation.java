package io.bourse.bench.load;

import java.util.Set;

/**
 * One request a virtual user makes, the kind it is (for the per-kind counts), and the problem
 * kinds that are a normal answer to it rather than an error: a cancel of an order that filled a
 * moment ago is answered "unknown-order", as it should be.
 */
record Operation(String kind, Runnable action, Set<String> expectedRejections) {

    Operation(String kind, Runnable action) {
        this(kind, action, Set.of());
    }
}
