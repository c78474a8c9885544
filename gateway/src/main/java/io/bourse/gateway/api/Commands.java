package io.bourse.gateway.api;

import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.engine.client.CommandAndOrder;
import io.bourse.engine.client.CommandAndTransfers;
import io.bourse.engine.client.EngineClient;
import io.bourse.gateway.auth.AccountIds;
import io.bourse.gateway.http.Call;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a caller's command to the engine, under the caller's {@code Idempotency-Key} when there
 * is one: the shard remembers the key with the result, so a retry through any gateway gets the
 * first result back. Ids the gateway must invent (transfer ids, client order ids) are derived from
 * the key, so a retry invents the same ones.
 */
public final class Commands {
    private final EngineClient engine;

    public Commands(EngineClient engine) {
        this.engine = engine;
    }

    /** Submits {@code command} for {@code accountId}; rejections are returned, not thrown. */
    public CommandResult submit(Call call, long accountId, Command command) {
        return engine.submit(wrap(call, accountId, command));
    }

    /**
     * Like {@link #submit(Call, long, Command)} with a fingerprint of the caller's choosing: for
     * requests that carry a password, whose hash must never reach the replicated state.
     */
    public CommandResult submit(Call call, long accountId, Command command, long fingerprint) {
        return engine.submit(wrap(call, accountId, command, fingerprint));
    }

    /**
     * Like {@link #submit(Call, long, Command)}, and reads one of the account's orders as it is
     * right after the command, in the same round trip to the engine.
     */
    public CommandAndOrder submitThenReadOrder(Call call, long accountId, Command command, long orderId) {
        return engine.submitThenReadOrder(wrap(call, accountId, command), orderId);
    }

    /**
     * Like {@link #submit(Call, long, Command)}, for a deposit or withdrawal, and reads the account's
     * kept transfers as they are right after it, in the same round trip to the engine.
     */
    public CommandAndTransfers submitThenReadTransfers(Call call, long accountId, Command command) {
        return engine.submitThenReadTransfers(wrap(call, accountId, command));
    }

    private static Command wrap(Call call, long accountId, Command command) {
        return wrap(call, accountId, command, call.idempotencyKey().isPresent() ? call.fingerprint() : 0);
    }

    private static Command wrap(Call call, long accountId, Command command, long fingerprint) {
        Optional<String> key = call.idempotencyKey();
        return key.isPresent() ? new Command.Idempotent(accountId, key.get(), fingerprint, command) : command;
    }

    /** A fingerprint of text (a request without its secrets). */
    public static long fingerprint(String text) {
        return AccountIds.leadingLong(AccountIds.sha256(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A positive id for something new: derived from the idempotency key when there is one, random otherwise. */
    public static long newId(Call call, long accountId, String purpose) {
        Optional<String> key = call.idempotencyKey();
        if (key.isEmpty()) {
            return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        }
        long value = fingerprint(accountId + "\n" + purpose + "\n" + key.get()) & Long.MAX_VALUE;
        return value == 0 ? 1 : value;
    }
}
