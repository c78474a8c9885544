package io.bourse.gateway.api;

import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.CommandResult;
import io.bourse.gateway.http.ApiException;
import java.util.Locale;

/**
 * The engine's rejections as problem documents. Each reason keeps a type URI of its own
 * ({@code .../problems/insufficient-buying-power}), so clients can act on it without parsing prose.
 */
public final class Rejections {
    private Rejections() {}

    /** Throws the problem for a rejected result; returns the result otherwise. */
    public static CommandResult check(CommandResult result) {
        if (result.isRejected()) {
            throw problem(result.reason());
        }
        return result;
    }

    /**
     * Like {@link #check}, for a new order: a price the shard refused (not a whole number of ticks,
     * or outside the band) is named as the field it came in, the stop price's as {@code stopPrice},
     * and a price outside the band says what the band is. The shard's reason does not say which of
     * a stop-limit order's two prices it refused; it checks the limit first, so the limit is named
     * unless the same rule ({@link Instrument#priceProblem}) finds nothing wrong with it. (The band is
     * this gateway's view of the instrument, at most 5 seconds old: see {@link Markets}.)
     */
    public static CommandResult checkPlaced(CommandResult result, Command.PlaceOrder order, Instrument instrument) {
        if (!result.isRejected()) {
            return result;
        }
        RejectReason reason = result.reason();
        if (reason != RejectReason.NOT_A_TICK_MULTIPLE && reason != RejectReason.PRICE_OUTSIDE_BAND) {
            throw problem(reason);
        }
        boolean limitRefused = order.type().hasLimitPrice() && instrument.priceProblem(order.limitPriceCents()) != null;
        String field = order.type().hasStopPrice() && !limitRefused ? "stopPrice" : "limitPrice";
        String message = reason == RejectReason.NOT_A_TICK_MULTIPLE
                ? "must be a whole number of ticks of " + Money.cents(instrument.tickSizeCents())
                : "is outside the instrument's price band, " + Money.price(instrument, instrument.bandLowTicks())
                        + " to " + Money.price(instrument, instrument.bandHighTicks());
        throw ApiException.invalidRule(422, slug(reason), title(reason), field, message);
    }

    private static String slug(RejectReason reason) {
        return reason.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ApiException problem(RejectReason reason) {
        String slug = slug(reason);
        return switch (reason) {
            case UNKNOWN_ORDER -> new ApiException(404, slug, "No such order", "no open order of yours has that id");
            case UNKNOWN_INSTRUMENT -> new ApiException(404, slug, "No such instrument", "that symbol is not listed");
            case UNKNOWN_CREDENTIAL -> new ApiException(404, slug, "No such API key", "no API key of yours has that id");
            case USERNAME_TAKEN -> new ApiException(409, slug, "Username taken", "choose another username");
            case CLIENT_ORDER_ID_REUSED -> new ApiException(409, slug, "Client order id in use",
                    "another order of yours already has that clientOrderId");
            case IDEMPOTENCY_KEY_REUSED -> new ApiException(422, slug, "Idempotency key reused",
                    "this Idempotency-Key was used for a different request");
            case OVERLOADED, LIMIT_REACHED -> ApiException.unavailable("the engine is at capacity; retry shortly", 1);
            case TOO_MANY_OPEN_ORDERS -> new ApiException(422, slug, "Too many open orders", "cancel some open orders first");
            case TOO_MANY_CREDENTIALS -> new ApiException(422, slug, "Too many sessions and API keys",
                    "revoke an API key or log out elsewhere first");
            case WRONG_SHARD, UNKNOWN_SHARD, MESSAGE_OUT_OF_ORDER, MALFORMED_COMMAND, INVALID_ACCOUNT, UNKNOWN_USER,
                 INSTRUMENT_ALREADY_DEFINED, INVALID_INSTRUMENT, TRANSFER_ID_REUSED, INVALID_IDEMPOTENCY_KEY,
                 CREDENTIAL_ID_REUSED, INVALID_CREDENTIAL, TRADING_DAY_NOT_BEGUN ->
                    new ApiException(500, "internal-error", "Something went wrong on our side",
                            "the engine refused the request (" + slug + "); nothing changed");
            default -> {
                String field = fieldOf(reason);
                String message = messageOf(reason);
                yield ApiException.invalidRule(422, slug, title(reason), field, message);
            }
        };
    }

    private static String title(RejectReason reason) {
        String words = reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String fieldOf(RejectReason reason) {
        return switch (reason) {
            case INVALID_QUANTITY, NOT_A_LOT_MULTIPLE, QUANTITY_TOO_LARGE, QUANTITY_BELOW_FILLED -> "quantity";
            case INVALID_PRICE, NOT_A_TICK_MULTIPLE, PRICE_OUTSIDE_BAND -> "limitPrice";
            case INVALID_STOP_PRICE -> "stopPrice";
            case INVALID_ORDER_OPTIONS -> "timeInForce";
            case INVALID_CLIENT_ORDER_ID -> "clientOrderId";
            case INVALID_AMOUNT, INSUFFICIENT_FUNDS, DEPOSIT_LIMIT_REACHED -> "amount";
            case INVALID_USERNAME -> "username";
            default -> null;
        };
    }

    private static String messageOf(RejectReason reason) {
        return switch (reason) {
            case INVALID_QUANTITY -> "must be a positive number of shares";
            case NOT_A_LOT_MULTIPLE -> "must be a whole number of lots";
            case QUANTITY_TOO_LARGE -> "is above the instrument's largest order";
            case QUANTITY_BELOW_FILLED -> "cannot go below what has already filled";
            case INVALID_PRICE -> "is not a valid price for this order";
            case NOT_A_TICK_MULTIPLE -> "must be a whole number of ticks";
            case PRICE_OUTSIDE_BAND -> "is outside the instrument's price band";
            case INVALID_STOP_PRICE -> "is not a valid stop price for this order";
            case INVALID_ORDER_OPTIONS -> "this combination of type, time in force and post-only is not allowed";
            case INVALID_CLIENT_ORDER_ID -> OrderEndpoints.CLIENT_ORDER_ID_RULE;
            case INSUFFICIENT_BUYING_POWER -> "not enough available cash for this order, fees included";
            case INSUFFICIENT_SHARES -> "not enough available shares for this order";
            case INSUFFICIENT_FUNDS -> "is more than the available cash";
            case INVALID_AMOUNT -> "is not a valid amount";
            case DEPOSIT_LIMIT_REACHED -> "would take what has been deposited past what the platform can hold; a smaller amount may go through";
            case INVALID_USERNAME -> "must be 3 to 32 letters, digits or . _ -, starting with a letter or digit";
            case AMEND_IN_PROGRESS -> "an earlier change to this order is still being applied";
            case NOTHING_TO_AMEND -> "the new terms are the same as the order's";
            case ORDER_NOT_OPEN -> "the order is no longer open";
            default -> reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

}
