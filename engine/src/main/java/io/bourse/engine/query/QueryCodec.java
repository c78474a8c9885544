package io.bourse.engine.query;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.order.OrderStatus;
import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.OrderView;
import io.bourse.engine.directory.Directory;
import io.bourse.engine.directory.DirectoryView;
import java.util.ArrayList;
import java.util.List;

/** The binary form of queries and their answers. Tags are never reused. */
public final class QueryCodec {
    private static final int DIRECTORY = 1;
    private static final int ACCOUNT = 2;
    private static final int BOOK = 3;
    private static final int STATUS = 4;

    private QueryCodec() {}

    public static byte[] encode(Query query) {
        BinaryWriter out = new BinaryWriter(32);
        switch (query) {
            case Query.Directory q -> out.writeByte(DIRECTORY);
            case Query.Account q -> out.writeByte(ACCOUNT).writeLong(q.accountId());
            case Query.Book q -> out.writeByte(BOOK).writeInt(q.instrumentId()).writeInt(q.depth());
            case Query.Status q -> out.writeByte(STATUS);
        }
        return out.toByteArray();
    }

    public static Query decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int tag = in.readByte();
        return switch (tag) {
            case DIRECTORY -> new Query.Directory();
            case ACCOUNT -> new Query.Account(in.readLong());
            case BOOK -> new Query.Book(in.readInt(), in.readInt());
            case STATUS -> new Query.Status();
            default -> throw new MalformedInputException("unknown query tag " + tag);
        };
    }

    // ---- answers ----

    public static byte[] encodeDirectory(DirectoryView view) {
        BinaryWriter out = new BinaryWriter(8192);
        Directory.writeView(out, view);
        return out.toByteArray();
    }

    public static DirectoryView decodeDirectory(byte[] bytes) {
        return Directory.readView(new BinaryReader(bytes));
    }

    public static byte[] encodeAccount(AccountView view) {
        BinaryWriter out = new BinaryWriter(256).writeLong(view.accountId()).writeInt(view.balances().size());
        for (AccountView.Balance b : view.balances()) {
            out.writeInt(b.asset()).writeLong(b.balance()).writeLong(b.held());
        }
        out.writeInt(view.openOrders().size());
        for (OrderView o : view.openOrders()) {
            out.writeLong(o.orderId()).writeLong(o.accountId()).writeString(o.clientOrderId()).writeInt(o.instrumentId())
                    .writeEnum(o.side()).writeEnum(o.type()).writeEnum(o.timeInForce()).writeEnum(o.status())
                    .writeLong(o.limitPriceTicks()).writeLong(o.stopPriceTicks()).writeLong(o.totalLots()).writeLong(o.filledLots());
        }
        return out.toByteArray();
    }

    public static AccountView decodeAccount(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        long accountId = in.readLong();
        int balanceCount = in.readCount(20);
        List<AccountView.Balance> balances = new ArrayList<>();
        for (int i = 0; i < balanceCount; i++) {
            balances.add(new AccountView.Balance(in.readInt(), in.readLong(), in.readLong()));
        }
        int orderCount = in.readCount(60);
        List<OrderView> orders = new ArrayList<>();
        for (int i = 0; i < orderCount; i++) {
            orders.add(new OrderView(in.readLong(), in.readLong(), in.readString(), in.readInt(), in.readEnum(Side.values()),
                    in.readEnum(OrderType.values()), in.readEnum(TimeInForce.values()), in.readEnum(OrderStatus.values()),
                    in.readLong(), in.readLong(), in.readLong(), in.readLong()));
        }
        return new AccountView(accountId, balances, orders);
    }

    public static byte[] encodeBook(BookView view) {
        BinaryWriter out = new BinaryWriter(512).writeInt(view.instrumentId()).writeLong(view.lastTradeTicks());
        writeLevels(out, view.bids());
        writeLevels(out, view.asks());
        return out.toByteArray();
    }

    public static BookView decodeBook(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        return new BookView(in.readInt(), in.readLong(), readLevels(in), readLevels(in));
    }

    private static void writeLevels(BinaryWriter out, List<BookView.Level> levels) {
        out.writeInt(levels.size());
        for (BookView.Level level : levels) {
            out.writeLong(level.priceTicks()).writeLong(level.lots()).writeInt(level.orders());
        }
    }

    private static List<BookView.Level> readLevels(BinaryReader in) {
        int count = in.readCount(20);
        List<BookView.Level> levels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            levels.add(new BookView.Level(in.readLong(), in.readLong(), in.readInt()));
        }
        return levels;
    }

    public static byte[] encodeStatus(ShardStatus status) {
        return new BinaryWriter(128).writeInt(status.shardId()).writeString(status.stateHash()).writeLong(status.logTimeMillis())
                .writeInt(status.openOrders()).writeInt(status.instruments()).writeInt(status.slotsOwned())
                .writeLong(status.unacknowledgedMessages()).toByteArray();
    }

    public static ShardStatus decodeStatus(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        return new ShardStatus(in.readInt(), in.readString(), in.readLong(), in.readInt(), in.readInt(), in.readInt(), in.readLong());
    }
}
