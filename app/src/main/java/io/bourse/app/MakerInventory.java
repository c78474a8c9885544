package io.bourse.app;

import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.directory.InstrumentListing;
import io.bourse.engine.query.AccountView;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shares for the simulated market makers to sell: moved in from outside (an in-kind transfer, the
 * way a broker receives shares from another broker), which the public API does not offer. Each
 * maker is topped up to {@link #SHARES} of every instrument when it holds less than a fifth of that.
 */
final class MakerInventory {
    static final long SHARES = 50_000;

    private MakerInventory() {}

    static void grant(EngineClient engine, List<Long> makers) {
        for (long maker : makers) {
            AccountView account = engine.account(maker);
            for (InstrumentListing listing : engine.directory().instruments()) {
                int instrumentId = listing.instrument().id();
                long held = account.balance(instrumentId).balance();
                if (held < SHARES / 5) {
                    CommandResult result = engine.submit(new Command.Deposit(maker,
                            ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), instrumentId, SHARES - held));
                    if (result.isRejected()) {
                        throw new IllegalStateException("granting the simulator's makers their shares was refused: " + result.reason());
                    }
                }
            }
        }
    }
}
