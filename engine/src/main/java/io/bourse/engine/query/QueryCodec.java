package io.bourse.engine.query;

import static io.bourse.engine.query.ViewCodec.readList;
import static io.bourse.engine.query.ViewCodec.writeList;

import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.codec.MalformedInputException;
import io.bourse.core.shard.CandleInterval;
import io.bourse.core.shard.CandleView;
import io.bourse.core.shard.FillView;
import io.bourse.core.shard.MarketStatsView;
import io.bourse.core.shard.OrderView;
import io.bourse.core.shard.TradeView;
import io.bourse.core.shard.TransferView;
import io.bourse.core.shard.UserView;
import io.bourse.engine.directory.Directory;
import io.bourse.engine.directory.DirectoryView;
import java.util.List;

/** The binary form of queries and their answers. Tags are never reused. */
public final class QueryCodec {
    private static final int DIRECTORY = 1;
    private static final int ACCOUNT = 2;
    private static final int BOOK = 3;
    private static final int STATUS = 4;
    private static final int USER = 5;
    private static final int ORDER_HISTORY = 6;
    private static final int FILLS = 7;
    private static final int QUOTE = 8;
    private static final int TRADES = 9;
    private static final int CANDLES = 10;
    private static final int ORDER = 11;
    private static final int QUOTES = 12;
    private static final int TRANSFERS = 13;
    private static final CandleInterval[] INTERVALS = CandleInterval.values();

    private QueryCodec() {}

    public static byte[] encode(Query query) {
        BinaryWriter out = new BinaryWriter(32);
        switch (query) {
            case Query.Directory q -> out.writeByte(DIRECTORY);
            case Query.Account q -> out.writeByte(ACCOUNT).writeLong(q.accountId());
            case Query.Book q -> out.writeByte(BOOK).writeInt(q.instrumentId()).writeInt(q.depth());
            case Query.Status q -> out.writeByte(STATUS);
            case Query.User q -> out.writeByte(USER).writeLong(q.accountId());
            case Query.OrderHistory q -> out.writeByte(ORDER_HISTORY).writeLong(q.accountId());
            case Query.Fills q -> out.writeByte(FILLS).writeLong(q.accountId());
            case Query.Transfers q -> out.writeByte(TRANSFERS).writeLong(q.accountId());
            case Query.Quote q -> out.writeByte(QUOTE).writeInt(q.instrumentId());
            case Query.Trades q -> out.writeByte(TRADES).writeInt(q.instrumentId());
            case Query.Candles q -> out.writeByte(CANDLES).writeInt(q.instrumentId()).writeEnum(q.interval());
            case Query.Order q -> out.writeByte(ORDER).writeLong(q.accountId()).writeLong(q.orderId());
            case Query.Quotes q -> {
                out.writeByte(QUOTES).writeInt(q.instrumentIds().size());
                q.instrumentIds().forEach(out::writeInt);
            }
        }
        return out.toByteArray();
    }

    public static Query decode(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        int tag = in.readByte();
        Query query = switch (tag) {
            case DIRECTORY -> new Query.Directory();
            case ACCOUNT -> new Query.Account(in.readLong());
            case BOOK -> new Query.Book(in.readInt(), in.readInt());
            case STATUS -> new Query.Status();
            case USER -> new Query.User(in.readLong());
            case ORDER_HISTORY -> new Query.OrderHistory(in.readLong());
            case FILLS -> new Query.Fills(in.readLong());
            case TRANSFERS -> new Query.Transfers(in.readLong());
            case QUOTE -> new Query.Quote(in.readInt());
            case TRADES -> new Query.Trades(in.readInt());
            case CANDLES -> new Query.Candles(in.readInt(), in.readEnum(INTERVALS));
            case ORDER -> new Query.Order(in.readLong(), in.readLong());
            case QUOTES -> new Query.Quotes(readList(in, 4, BinaryReader::readInt));
            default -> throw new MalformedInputException("unknown query tag " + tag);
        };
        if (!in.atEnd()) {
            throw new MalformedInputException("trailing bytes after the query");
        }
        return query;
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
        BinaryWriter out = new BinaryWriter(256).writeLong(view.accountId());
        writeList(out, view.balances(), (w, b) -> w.writeInt(b.asset()).writeLong(b.balance()).writeLong(b.held()));
        writeList(out, view.openOrders(), ViewCodec::writeOrder);
        writeList(out, view.positions(), ViewCodec::writePosition);
        return out.toByteArray();
    }

    public static AccountView decodeAccount(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        return new AccountView(in.readLong(), readList(in, 20, r -> new AccountView.Balance(r.readInt(), r.readLong(), r.readLong())),
                readList(in, 90, ViewCodec::readOrder), readList(in, 28, ViewCodec::readPosition));
    }

    public static byte[] encodeBook(BookView view) {
        BinaryWriter out = new BinaryWriter(512).writeInt(view.instrumentId()).writeLong(view.lastTradeTicks()).writeLong(view.sequence());
        writeList(out, view.bids(), QueryCodec::writeLevel);
        writeList(out, view.asks(), QueryCodec::writeLevel);
        return out.toByteArray();
    }

    public static BookView decodeBook(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        return new BookView(in.readInt(), in.readLong(), in.readLong(), readList(in, 20, QueryCodec::readLevel),
                readList(in, 20, QueryCodec::readLevel));
    }

    private static void writeLevel(BinaryWriter out, BookView.Level level) {
        out.writeLong(level.priceTicks()).writeLong(level.lots()).writeInt(level.orders());
    }

    private static BookView.Level readLevel(BinaryReader in) {
        return new BookView.Level(in.readLong(), in.readLong(), in.readInt());
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

    /** A user, or none (the answer for an account nobody has registered). */
    public static byte[] encodeUser(UserView user) {
        BinaryWriter out = new BinaryWriter(256).writeBoolean(user != null);
        if (user != null) {
            ViewCodec.writeUser(out, user);
        }
        return out.toByteArray();
    }

    public static UserView decodeUser(byte[] bytes) {
        BinaryReader in = new BinaryReader(bytes);
        return in.readBoolean() ? ViewCodec.readUser(in) : null;
    }

    public static byte[] encodeOrders(List<OrderView> orders) {
        BinaryWriter out = new BinaryWriter(128 * orders.size() + 4);
        writeList(out, orders, ViewCodec::writeOrder);
        return out.toByteArray();
    }

    public static List<OrderView> decodeOrders(byte[] bytes) {
        return readList(new BinaryReader(bytes), 90, ViewCodec::readOrder);
    }

    public static byte[] encodeFills(List<FillView> fills) {
        BinaryWriter out = new BinaryWriter(70 * fills.size() + 4);
        writeList(out, fills, ViewCodec::writeFill);
        return out.toByteArray();
    }

    public static List<FillView> decodeFills(byte[] bytes) {
        return readList(new BinaryReader(bytes), 60, ViewCodec::readFill);
    }

    public static byte[] encodeTransfers(List<TransferView> transfers) {
        BinaryWriter out = new BinaryWriter(29 * transfers.size() + 4);
        writeList(out, transfers, ViewCodec::writeTransfer);
        return out.toByteArray();
    }

    public static List<TransferView> decodeTransfers(byte[] bytes) {
        return readList(new BinaryReader(bytes), 29, ViewCodec::readTransfer);
    }

    public static byte[] encodeQuote(MarketStatsView stats) {
        BinaryWriter out = new BinaryWriter(96);
        ViewCodec.writeStats(out, stats);
        return out.toByteArray();
    }

    public static MarketStatsView decodeQuote(byte[] bytes) {
        return ViewCodec.readStats(new BinaryReader(bytes));
    }

    public static byte[] encodeQuotes(List<MarketStatsView> quotes) {
        BinaryWriter out = new BinaryWriter(85 * quotes.size() + 4);
        writeList(out, quotes, ViewCodec::writeStats);
        return out.toByteArray();
    }

    public static List<MarketStatsView> decodeQuotes(byte[] bytes) {
        return readList(new BinaryReader(bytes), 85, ViewCodec::readStats);
    }

    public static byte[] encodeTrades(List<TradeView> trades) {
        BinaryWriter out = new BinaryWriter(33 * trades.size() + 4);
        writeList(out, trades, ViewCodec::writeTrade);
        return out.toByteArray();
    }

    public static List<TradeView> decodeTrades(byte[] bytes) {
        return readList(new BinaryReader(bytes), 33, ViewCodec::readTrade);
    }

    public static byte[] encodeCandles(List<CandleView> candles) {
        BinaryWriter out = new BinaryWriter(48 * candles.size() + 4);
        writeList(out, candles, ViewCodec::writeCandle);
        return out.toByteArray();
    }

    public static List<CandleView> decodeCandles(byte[] bytes) {
        return readList(new BinaryReader(bytes), 48, ViewCodec::readCandle);
    }
}
