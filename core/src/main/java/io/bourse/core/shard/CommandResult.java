package io.bourse.core.shard;

import io.bourse.core.order.RejectReason;
import java.util.EnumMap;
import java.util.Map;

/**
 * The answer to one command.
 *
 * @param id the order id or transfer id the command created or named; 0 when there is none
 * @param reason why it was rejected; null unless {@code outcome} is {@link Outcome#REJECTED}
 */
public record CommandResult(Outcome outcome, RejectReason reason, long id) {
    public static final CommandResult ACCEPTED = new CommandResult(Outcome.ACCEPTED, null, 0);
    private static final Map<RejectReason, CommandResult> REJECTIONS = new EnumMap<>(RejectReason.class);

    static {
        for (RejectReason reason : RejectReason.values()) {
            REJECTIONS.put(reason, new CommandResult(Outcome.REJECTED, reason, 0));
        }
    }

    public static CommandResult accepted(long id) {
        return new CommandResult(Outcome.ACCEPTED, null, id);
    }

    public static CommandResult duplicate(long id) {
        return new CommandResult(Outcome.DUPLICATE, null, id);
    }

    public static CommandResult rejected(RejectReason reason) {
        return REJECTIONS.get(reason);
    }

    public boolean isRejected() {
        return outcome == Outcome.REJECTED;
    }
}
