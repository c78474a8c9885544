package io.bourse.core.shard;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.RejectReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.*;

/**
 * The binary form of {@link Command}s and {@link CommandResult}s: what the Raft log holds and
 * what travels between gateways and engines. A tag byte names the command; tags are never reused.
 * A release must read the logs of the one before, so a changed command gets a new tag.
 */
public final class CommandCodec {
    private static final int DEFINE_INSTRUMENT = 1;
    private static final int SET_REFERENCE_PRICE = 2;
    private static final int ASSIGN_SLOTS = 3;
    private static final int END_TRADING_DAY = 4;
    private static final int DEPOSIT = 5;
    private static final int WITHDRAW = 6;
    private static final int PLACE_ORDER = 7;
    private static final int CANCEL_ORDER = 8;
    private static final int AMEND_ORDER = 9;
    private static final int DELIVER = 10;
    private static final int ACKNOWLEDGE_DELIVERY = 11;
    private static final int CANCEL_ALL_ORDERS = 12;
    private static final int REGISTER_USER = 13;
    private static final int ADD_CREDENTIAL = 14;
    private static final int REVOKE_CREDENTIAL = 15;
    private static final int IDEMPOTENT = 16;
    private static final int HALT_TRADING = 17;
    /** An {@link AmendOrder} that may keep its price or quantity ({@link AmendOrder#KEEP}); tag 9 could not. */
    private static final int AMEND_ORDER_KEEPING = 18;
    private static final int CHANGE_PASSWORD = 19;
    /** An {@link EndTradingDay} that names its day; tag 4 is the unconditional one (day 0). */
    private static final int END_TRADING_DAY_NUMBERED = 20;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final Outcome[] OUTCOMES = Outcome.values();
    private static final RejectReason[] REASONS = RejectReason.values();

    private CommandCodec() {}

    public static void write(BinaryWriter out, Command command) {
        switch (command) {
            case DefineInstrument c -> {
                out.writeByte(DEFINE_INSTRUMENT);
                writeInstrument(out, c.instrument());
                out.writeInt(c.marketShard());
            }
            case SetReferencePrice c -> out.writeByte(SET_REFERENCE_PRICE).writeInt(c.instrumentId()).writeLong(c.referencePriceTicks());
            case AssignSlots c -> out.writeByte(ASSIGN_SLOTS).writeInt(c.firstSlot()).writeInt(c.lastSlot()).writeInt(c.shard());
            case EndTradingDay c -> {
                if (c.day() == 0) {
                    out.writeByte(END_TRADING_DAY);
                } else {
                    out.writeByte(END_TRADING_DAY_NUMBERED).writeLong(c.day());
                }
            }
            case Deposit c -> out.writeByte(DEPOSIT).writeLong(c.accountId()).writeLong(c.transferId()).writeInt(c.asset()).writeLong(c.amount());
            case Withdraw c -> out.writeByte(WITHDRAW).writeLong(c.accountId()).writeLong(c.transferId()).writeInt(c.asset()).writeLong(c.amount());
            case PlaceOrder c -> out.writeByte(PLACE_ORDER).writeLong(c.accountId()).writeString(c.clientOrderId())
                    .writeInt(c.instrumentId()).writeEnum(c.side()).writeEnum(c.type()).writeEnum(c.timeInForce())
                    .writeLong(c.limitPriceCents()).writeLong(c.stopPriceCents()).writeLong(c.quantityShares())
                    .writeBoolean(c.postOnly());
            case CancelOrder c -> out.writeByte(CANCEL_ORDER).writeLong(c.accountId()).writeLong(c.orderId());
            case AmendOrder c -> out.writeByte(c.newLimitPriceCents() == AmendOrder.KEEP || c.newQuantityShares() == AmendOrder.KEEP
                            ? AMEND_ORDER_KEEPING : AMEND_ORDER)
                    .writeLong(c.accountId()).writeLong(c.orderId()).writeLong(c.newLimitPriceCents()).writeLong(c.newQuantityShares());
            case Deliver c -> {
                out.writeByte(DELIVER).writeInt(c.sourceShard()).writeLong(c.sequence());
                MessageCodec.write(out, c.message());
            }
            case AcknowledgeDelivery c -> out.writeByte(ACKNOWLEDGE_DELIVERY).writeInt(c.destinationShard()).writeLong(c.sequence());
            case CancelAllOrders c -> out.writeByte(CANCEL_ALL_ORDERS).writeLong(c.accountId()).writeInt(c.instrumentId());
            case RegisterUser c -> out.writeByte(REGISTER_USER).writeLong(c.accountId()).writeString(c.username())
                    .writeString(c.passwordDigest());
            case AddCredential c -> out.writeByte(ADD_CREDENTIAL).writeLong(c.accountId()).writeLong(c.credentialId())
                    .writeString(c.secretDigest()).writeInt(c.scopes()).writeLong(c.expiresAtMillis()).writeString(c.label());
            case HaltTrading c -> out.writeByte(HALT_TRADING).writeInt(c.instrumentId()).writeBoolean(c.halted());
            case RevokeCredential c -> out.writeByte(REVOKE_CREDENTIAL).writeLong(c.accountId()).writeLong(c.credentialId());
            case ChangePassword c -> out.writeByte(CHANGE_PASSWORD).writeLong(c.accountId()).writeString(c.passwordDigest())
                    .writeLong(c.keptSessionId());
            case Idempotent c -> {
                out.writeByte(IDEMPOTENT).writeLong(c.accountId()).writeString(c.key()).writeLong(c.fingerprint());
                write(out, c.command());
            }
        }
    }

    /** One command in its binary form. */
    public static byte[] encode(Command command) {
        BinaryWriter out = new BinaryWriter(64);
        write(out, command);
        return out.toByteArray();
    }

    /** Reads one command; throws {@link MalformedInputException} on anything that is not one. */
    public static Command read(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case DEFINE_INSTRUMENT -> new DefineInstrument(readInstrument(in), in.readInt());
            case SET_REFERENCE_PRICE -> new SetReferencePrice(in.readInt(), in.readLong());
            case ASSIGN_SLOTS -> new AssignSlots(in.readInt(), in.readInt(), in.readInt());
            case END_TRADING_DAY -> new EndTradingDay();
            case END_TRADING_DAY_NUMBERED -> new EndTradingDay(in.readLong());
            case DEPOSIT -> new Deposit(in.readLong(), in.readLong(), in.readInt(), in.readLong());
            case WITHDRAW -> new Withdraw(in.readLong(), in.readLong(), in.readInt(), in.readLong());
            case PLACE_ORDER -> new PlaceOrder(in.readLong(), in.readString(), in.readInt(), in.readEnum(SIDES), in.readEnum(TYPES),
                    in.readEnum(TIMES_IN_FORCE), in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
            case CANCEL_ORDER -> new CancelOrder(in.readLong(), in.readLong());
            case AMEND_ORDER -> new AmendOrder(in.readLong(), in.readLong(), keptNot(in.readLong()), keptNot(in.readLong()));
            case AMEND_ORDER_KEEPING -> new AmendOrder(in.readLong(), in.readLong(), in.readLong(), in.readLong());
            case DELIVER -> new Deliver(in.readInt(), in.readLong(), MessageCodec.read(in));
            case ACKNOWLEDGE_DELIVERY -> new AcknowledgeDelivery(in.readInt(), in.readLong());
            case CANCEL_ALL_ORDERS -> new CancelAllOrders(in.readLong(), in.readInt());
            case REGISTER_USER -> new RegisterUser(in.readLong(), in.readString(), in.readString());
            case ADD_CREDENTIAL -> new AddCredential(in.readLong(), in.readLong(), in.readString(), in.readInt(), in.readLong(), in.readString());
            case REVOKE_CREDENTIAL -> new RevokeCredential(in.readLong(), in.readLong());
            case CHANGE_PASSWORD -> new ChangePassword(in.readLong(), in.readString(), in.readLong());
            case IDEMPOTENT -> readIdempotent(in);
            case HALT_TRADING -> new HaltTrading(in.readInt(), in.readBoolean());
            default -> throw new MalformedInputException("unknown command tag " + tag);
        };
    }

    /**
     * A tag 9 amendment was written before {@link AmendOrder#KEEP} meant anything, and was rejected
     * as an invalid price or quantity: it reads as another non-positive value, rejected alike, so
     * that replaying an old log gives the results it gave then.
     */
    private static long keptNot(long value) {
        return value == AmendOrder.KEEP ? -1 : value;
    }

    private static Idempotent readIdempotent(BinaryReader in) {
        long accountId = in.readLong();
        String key = in.readString();
        long fingerprint = in.readLong();
        int tag = in.peekByte();
        if (tag == IDEMPOTENT || tag == DELIVER || tag == ACKNOWLEDGE_DELIVERY) {
            throw new MalformedInputException("command tag " + tag + " cannot be wrapped for idempotency");
        }
        return new Idempotent(accountId, key, fingerprint, read(in));
    }

    public static void writeInstrument(BinaryWriter out, Instrument i) {
        out.writeInt(i.id()).writeString(i.symbol()).writeLong(i.tickSizeCents()).writeLong(i.lotSizeShares())
                .writeLong(i.referencePriceTicks()).writeInt(i.bandBasisPoints()).writeInt(i.collarBasisPoints())
                .writeLong(i.makerFeeCentsPerLot()).writeLong(i.takerFeeCentsPerLot()).writeLong(i.maxOrderLots());
    }

    public static Instrument readInstrument(BinaryReader in) {
        return new Instrument(in.readInt(), in.readString(), in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                in.readInt(), in.readLong(), in.readLong(), in.readLong());
    }

    public static void writeResult(BinaryWriter out, CommandResult result) {
        out.writeEnum(result.outcome()).writeByte(result.reason() == null ? 0 : result.reason().ordinal() + 1).writeLong(result.id());
    }

    /** One result in its binary form. */
    public static byte[] encodeResult(CommandResult result) {
        BinaryWriter out = new BinaryWriter(10);
        writeResult(out, result);
        return out.toByteArray();
    }

    public static CommandResult readResult(BinaryReader in) {
        Outcome outcome = in.readEnum(OUTCOMES);
        int reason = in.readByte();
        if (reason > REASONS.length) {
            throw new MalformedInputException("reject reason " + reason + " out of range");
        }
        return new CommandResult(outcome, reason == 0 ? null : REASONS[reason - 1], in.readLong());
    }
}
