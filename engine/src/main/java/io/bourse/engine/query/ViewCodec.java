package io.bourse.engine.query;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.CandleView;
import io.bourse.core.shard.FillView;
import io.bourse.core.shard.MarketStatsView;
import io.bourse.core.shard.OrderView;
import io.bourse.core.shard.PositionView;
import io.bourse.core.shard.TradeView;
import io.bourse.core.shard.TransferView;
import io.bourse.core.shard.UserView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/** The binary form of the core's read-only views, the pieces query answers are made of. */
final class ViewCodec {
    private static final Side[] SIDES = Side.values();
    private static final OrderType[] TYPES = OrderType.values();
    private static final TimeInForce[] TIMES_IN_FORCE = TimeInForce.values();
    private static final OrderStatus[] STATUSES = OrderStatus.values();
    private static final EndReason[] END_REASONS = EndReason.values();

    private ViewCodec() {}

    static <T> void writeList(BinaryWriter out, List<T> items, BiConsumer<BinaryWriter, T> writer) {
        out.writeInt(items.size());
        items.forEach(item -> writer.accept(out, item));
    }

    static <T> List<T> readList(BinaryReader in, int minimumBytesEach, Function<BinaryReader, T> reader) {
        int count = in.readCount(minimumBytesEach);
        List<T> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(reader.apply(in));
        }
        return items;
    }

    static void writeOrder(BinaryWriter out, OrderView o) {
        out.writeLong(o.orderId()).writeLong(o.accountId()).writeString(o.clientOrderId()).writeInt(o.instrumentId())
                .writeEnum(o.side()).writeEnum(o.type()).writeEnum(o.timeInForce()).writeEnum(o.status())
                .writeLong(o.limitPriceTicks()).writeLong(o.stopPriceTicks()).writeLong(o.totalLots()).writeLong(o.filledLots())
                .writeLong(o.filledNotionalCents()).writeLong(o.feesCents()).writeLong(o.createdAtMillis())
                .writeLong(o.updatedAtMillis()).writeByte(o.endReason() == null ? 0 : o.endReason().ordinal() + 1);
    }

    static OrderView readOrder(BinaryReader in) {
        return new OrderView(in.readLong(), in.readLong(), in.readString(), in.readInt(), in.readEnum(SIDES), in.readEnum(TYPES),
                in.readEnum(TIMES_IN_FORCE), in.readEnum(STATUSES), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), endReason(in.readByte()));
    }

    private static EndReason endReason(int code) {
        if (code > END_REASONS.length) {
            throw new MalformedInputException("end reason " + code + " out of range");
        }
        return code == 0 ? null : END_REASONS[code - 1];
    }

    static void writeFill(BinaryWriter out, FillView f) {
        out.writeLong(f.fillId()).writeLong(f.orderId()).writeInt(f.instrumentId()).writeEnum(f.side()).writeLong(f.priceTicks())
                .writeLong(f.lots()).writeLong(f.notionalCents()).writeLong(f.feeCents()).writeBoolean(f.maker()).writeLong(f.atMillis());
    }

    static FillView readFill(BinaryReader in) {
        return new FillView(in.readLong(), in.readLong(), in.readInt(), in.readEnum(SIDES), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readBoolean(), in.readLong());
    }

    static void writeTransfer(BinaryWriter out, TransferView t) {
        out.writeLong(t.transferId()).writeInt(t.asset()).writeBoolean(t.deposit()).writeLong(t.amount()).writeLong(t.atMillis());
    }

    static TransferView readTransfer(BinaryReader in) {
        return new TransferView(in.readLong(), in.readInt(), in.readBoolean(), in.readLong(), in.readLong());
    }

    static void writePosition(BinaryWriter out, PositionView p) {
        out.writeLong(p.accountId()).writeInt(p.instrumentId()).writeLong(p.costBasisCents()).writeLong(p.realizedPnlCents());
    }

    static PositionView readPosition(BinaryReader in) {
        return new PositionView(in.readLong(), in.readInt(), in.readLong(), in.readLong());
    }

    static void writeUser(BinaryWriter out, UserView u) {
        out.writeLong(u.accountId()).writeString(u.username()).writeString(u.passwordDigest()).writeLong(u.createdAtMillis());
        writeList(out, u.credentials(), (w, c) -> w.writeLong(c.credentialId()).writeString(c.secretDigest()).writeInt(c.scopes())
                .writeLong(c.createdAtMillis()).writeLong(c.expiresAtMillis()).writeString(c.label()));
    }

    static UserView readUser(BinaryReader in) {
        return new UserView(in.readLong(), in.readString(), in.readString(), in.readLong(), readList(in, 36,
                r -> new UserView.Credential(r.readLong(), r.readString(), r.readInt(), r.readLong(), r.readLong(), r.readString())));
    }

    static void writeTrade(BinaryWriter out, TradeView t) {
        out.writeLong(t.tradeId()).writeLong(t.priceTicks()).writeLong(t.lots()).writeEnum(t.aggressorSide()).writeLong(t.atMillis());
    }

    static TradeView readTrade(BinaryReader in) {
        return new TradeView(in.readLong(), in.readLong(), in.readLong(), in.readEnum(SIDES), in.readLong());
    }

    static void writeCandle(BinaryWriter out, CandleView c) {
        out.writeLong(c.startMillis()).writeLong(c.openTicks()).writeLong(c.highTicks()).writeLong(c.lowTicks())
                .writeLong(c.closeTicks()).writeLong(c.volumeLots());
    }

    static CandleView readCandle(BinaryReader in) {
        return new CandleView(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong());
    }

    static void writeStats(BinaryWriter out, MarketStatsView s) {
        out.writeInt(s.instrumentId()).writeLong(s.lastTicks()).writeLong(s.previousCloseTicks()).writeLong(s.openTicks())
                .writeLong(s.highTicks()).writeLong(s.lowTicks()).writeLong(s.volumeLots()).writeLong(s.tradeCount())
                .writeLong(s.bestBidTicks()).writeLong(s.bestAskTicks()).writeLong(s.sequence()).writeBoolean(s.halted());
    }

    static MarketStatsView readStats(BinaryReader in) {
        return new MarketStatsView(in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean());
    }
}
