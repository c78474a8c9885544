package io.bourse.core.shard;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Message.AmendApplied;
import io.bourse.core.shard.Message.AmendRequest;
import io.bourse.core.shard.Message.CancelRequest;
import io.bourse.core.shard.Message.OrderAccepted;
import io.bourse.core.shard.Message.OrderEnded;
import io.bourse.core.shard.Message.OrderFilled;
import io.bourse.core.shard.Message.SubmitOrder;

/**
 * The binary form of {@link Message}s, in snapshots (outboxes) and between shards. A tag byte
 * names the type; tags are never reused, new types get new tags.
 */
public final class MessageCodec {
    private static final int SUBMIT_ORDER = 1;
    private static final int CANCEL_REQUEST = 2;
    private static final int AMEND_REQUEST = 3;
    private static final int ORDER_ACCEPTED = 4;
    private static final int ORDER_FILLED = 5;
    private static final int ORDER_ENDED = 6;
    private static final int AMEND_APPLIED = 7;

    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final EndReason[] END_REASONS = EndReason.values();

    private MessageCodec() {}

    public static void write(BinaryWriter out, Message message) {
        switch (message) {
            case SubmitOrder m -> out.writeByte(SUBMIT_ORDER).writeLong(m.orderId()).writeLong(m.accountId())
                    .writeInt(m.instrumentId()).writeEnum(m.side()).writeEnum(m.type()).writeEnum(m.timeInForce())
                    .writeLong(m.limitPriceTicks()).writeLong(m.stopPriceTicks()).writeLong(m.lots())
                    .writeBoolean(m.postOnly());
            case CancelRequest m -> out.writeByte(CANCEL_REQUEST).writeLong(m.orderId()).writeInt(m.instrumentId());
            case AmendRequest m -> out.writeByte(AMEND_REQUEST).writeLong(m.orderId()).writeInt(m.instrumentId())
                    .writeLong(m.newPriceTicks()).writeLong(m.newTotalLots());
            case OrderAccepted m -> out.writeByte(ORDER_ACCEPTED).writeLong(m.orderId());
            case OrderFilled m -> out.writeByte(ORDER_FILLED).writeLong(m.orderId()).writeLong(m.fillId())
                    .writeLong(m.priceTicks()).writeLong(m.lots()).writeBoolean(m.maker());
            case OrderEnded m -> out.writeByte(ORDER_ENDED).writeLong(m.orderId()).writeEnum(m.reason());
            case AmendApplied m -> out.writeByte(AMEND_APPLIED).writeLong(m.orderId()).writeBoolean(m.accepted())
                    .writeLong(m.priceTicks()).writeLong(m.totalLots()).writeLong(m.filledLots());
        }
    }

    public static Message read(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case SUBMIT_ORDER -> new SubmitOrder(in.readLong(), in.readLong(), in.readInt(), in.readEnum(SIDES),
                    in.readEnum(TYPES), in.readEnum(TIMES_IN_FORCE), in.readLong(), in.readLong(), in.readLong(),
                    in.readBoolean());
            case CANCEL_REQUEST -> new CancelRequest(in.readLong(), in.readInt());
            case AMEND_REQUEST -> new AmendRequest(in.readLong(), in.readInt(), in.readLong(), in.readLong());
            case ORDER_ACCEPTED -> new OrderAccepted(in.readLong());
            case ORDER_FILLED -> new OrderFilled(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
            case ORDER_ENDED -> new OrderEnded(in.readLong(), in.readEnum(END_REASONS));
            case AMEND_APPLIED -> new AmendApplied(in.readLong(), in.readBoolean(), in.readLong(), in.readLong(), in.readLong());
            default -> throw new MalformedInputException("unknown message tag " + tag);
        };
    }
}
