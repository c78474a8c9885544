package io.bourse.engine.feed;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.Side;
import io.bourse.core.shard.ShardEvent;
import java.util.ArrayList;
import java.util.List;

/** The binary form of feed batches, as they travel from an engine node to a gateway. Tags are never reused. */
public final class EventCodec {
    private static final int ORDER_UPDATED = 1;
    private static final int ORDER_FILLED = 2;
    private static final int TRADE_PRINTED = 3;
    private static final int BOOK_LEVEL_CHANGED = 4;
    private static final Side[] SIDES = Side.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final EndReason[] END_REASONS = EndReason.values();

    private EventCodec() {}

    /** What precedes a batch's events on the wire; the events follow, each as {@link #write} wrote it. */
    static void writeHeader(BinaryWriter out, long epoch, boolean reset, long lastSequence, int eventCount) {
        out.writeLong(epoch).writeBoolean(reset).writeLong(lastSequence).writeInt(eventCount);
    }

    public static FeedBatch decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        long epoch = in.readLong();
        boolean reset = in.readBoolean();
        long last = in.readLong();
        int count = in.readCount(20);
        List<ShardEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            events.add(read(in));
        }
        return new FeedBatch(epoch, reset, last, events);
    }

    static void write(BinaryWriter out, ShardEvent event) {
        switch (event) {
            case ShardEvent.OrderUpdated e -> out.writeByte(ORDER_UPDATED).writeLong(e.accountId()).writeLong(e.orderId())
                    .writeString(e.clientOrderId()).writeInt(e.instrumentId()).writeEnum(e.side()).writeEnum(e.status())
                    .writeLong(e.limitPriceTicks()).writeLong(e.totalLots()).writeLong(e.filledLots())
                    .writeByte(e.endReason() == null ? 0 : e.endReason().ordinal() + 1).writeLong(e.logTimeMillis());
            case ShardEvent.OrderFilled e -> out.writeByte(ORDER_FILLED).writeLong(e.accountId()).writeLong(e.orderId())
                    .writeLong(e.fillId()).writeInt(e.instrumentId()).writeEnum(e.side()).writeLong(e.priceTicks())
                    .writeLong(e.lots()).writeLong(e.feeCents()).writeBoolean(e.maker()).writeLong(e.logTimeMillis());
            case ShardEvent.TradePrinted e -> out.writeByte(TRADE_PRINTED).writeInt(e.instrumentId()).writeLong(e.tradeId())
                    .writeLong(e.priceTicks()).writeLong(e.lots()).writeEnum(e.aggressorSide()).writeLong(e.sequence())
                    .writeLong(e.logTimeMillis());
            case ShardEvent.BookLevelChanged e -> out.writeByte(BOOK_LEVEL_CHANGED).writeInt(e.instrumentId()).writeEnum(e.side())
                    .writeLong(e.priceTicks()).writeLong(e.lots()).writeInt(e.orders()).writeLong(e.sequence())
                    .writeLong(e.logTimeMillis());
        }
    }

    static ShardEvent read(BinaryReader in) {
        int tag = in.readByte();
        return switch (tag) {
            case ORDER_UPDATED -> new ShardEvent.OrderUpdated(in.readLong(), in.readLong(), in.readString(), in.readInt(),
                    in.readEnum(SIDES), in.readEnum(STATUSES), in.readLong(), in.readLong(), in.readLong(), endReason(in.readByte()),
                    in.readLong());
            case ORDER_FILLED -> new ShardEvent.OrderFilled(in.readLong(), in.readLong(), in.readLong(), in.readInt(),
                    in.readEnum(SIDES), in.readLong(), in.readLong(), in.readLong(), in.readBoolean(), in.readLong());
            case TRADE_PRINTED -> new ShardEvent.TradePrinted(in.readInt(), in.readLong(), in.readLong(), in.readLong(),
                    in.readEnum(SIDES), in.readLong(), in.readLong());
            case BOOK_LEVEL_CHANGED -> new ShardEvent.BookLevelChanged(in.readInt(), in.readEnum(SIDES), in.readLong(),
                    in.readLong(), in.readInt(), in.readLong(), in.readLong());
            default -> throw new MalformedInputException("unknown event tag " + tag);
        };
    }

    private static EndReason endReason(int code) {
        if (code > END_REASONS.length) {
            throw new MalformedInputException("end reason " + code + " out of range");
        }
        return code == 0 ? null : END_REASONS[code - 1];
    }
}
