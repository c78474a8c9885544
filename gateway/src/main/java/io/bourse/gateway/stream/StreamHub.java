package io.bourse.gateway.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.bourse.client.model.StreamMessage;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.shard.CandleInterval;
import io.bourse.core.shard.FillView;
import io.bourse.core.shard.Scopes;
import io.bourse.core.shard.ShardEvent;
import io.bourse.engine.client.EngineClient;
import io.bourse.engine.directory.InstrumentListing;
import io.bourse.engine.query.AccountView;
import io.bourse.gateway.api.Markets;
import io.bourse.gateway.api.Money;
import io.bourse.gateway.api.Views;
import io.bourse.gateway.auth.Authenticator;
import io.bourse.gateway.auth.Principal;
import io.helidon.websocket.WsListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of {@code /v1/stream}: follows the event feeds of the shards its sessions
 * need ({@link ShardFeeds}) and fans events out to the sessions that asked for them. Market
 * channels go through a {@link MarketMirror} per instrument, on the instrument's market shard; a
 * user's own orders, fills and balances go to the sessions authenticated as them, from the
 * account's shard.
 */
public final class StreamHub implements FeedFollower.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHub.class);
    /**
     * How long a revoked or expired credential's stream may go on, at most (plus the 2 s another
     * gateway may remember the token): seconds, like a request's, at one read per stream each time.
     */
    private static final Duration CREDENTIAL_CHECK_INTERVAL = Duration.ofSeconds(5);

    private final EngineClient engine;
    private final Markets markets;
    private final Authenticator authenticator;
    private final int queueLimit;
    private final MeterRegistry meters;
    private final Set<StreamSession> sessions = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<Integer, MarketMirror> mirrors = new ConcurrentHashMap<>();
    /** The sessions subscribed to each account's orders; an account without any has no entry (see {@link #unsubscribeOrders}). */
    private final ConcurrentHashMap<Long, Set<StreamSession>> accountSubscribers = new ConcurrentHashMap<>();
    private final ShardFeeds feeds;
    private final Thread credentialChecks;

    public StreamHub(EngineClient engine, Markets markets, Authenticator authenticator, int queueLimit, MeterRegistry meters) {
        this.engine = engine;
        this.markets = markets;
        this.authenticator = authenticator;
        this.queueLimit = queueLimit;
        this.meters = meters;
        this.feeds = new ShardFeeds(shardId -> new FeedFollower(shardId, engine, this), this::neededShards, this::forgetMarketsOf,
                ShardFeeds.CONTACT_WAIT);
        meters.gaugeCollectionSize("bourse.stream.sessions", List.of(), sessions);
        meters.gauge("bourse.stream.followed.shards", List.of(), feeds, f -> f.followed().size());
        credentialChecks = Thread.ofVirtual().name("stream-credential-checks").start(this::checkCredentialsEvery);
    }

    public void stop() {
        credentialChecks.interrupt();
        feeds.stopAll();
        new ArrayList<>(sessions).forEach(s -> s.close(1001, "gateway shutting down"));
    }

    public WsListener newSession() {
        StreamSession session = new StreamSession(this, queueLimit);
        sessions.add(session);
        return session;
    }

    private void checkCredentialsEvery() {
        while (true) {
            try {
                Thread.sleep(CREDENTIAL_CHECK_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            checkCredentials();
        }
    }

    /**
     * Ends the streams whose credential no longer authenticates: a session logged out, ended by a
     * password change or expired, an API key revoked. Without this a stream, once authenticated,
     * would carry its account's orders, fills and balances for as long as its socket stayed open.
     * A check the engine cannot answer ends nothing; the next one asks again.
     */
    void checkCredentials() {
        for (StreamSession session : sessions) {
            String token = session.token();
            if (token == null || session.isClosed()) {
                continue;
            }
            Principal principal;
            try {
                principal = authenticator.authenticate(token);
            } catch (RuntimeException unanswered) {
                continue;
            }
            if (principal == null) {
                session.close(StreamSession.CREDENTIAL_ENDED, "the credential was revoked or has expired; authenticate again");
            }
        }
    }

    void countClosed(int code) {
        meters.counter("bourse.stream.closed", "code", Integer.toString(code)).increment();
    }

    void remove(StreamSession session) {
        sessions.remove(session);
        mirrors.values().forEach(m -> m.unsubscribe(session, null, null));
        unsubscribeOrders(session);
        feeds.leaveUnneeded();
    }

    /**
     * Takes the session off its account's order subscribers, and the account off the map once none
     * is left: every session's end walks the map (to find the shards still needed), and an entry
     * for every account ever subscribed would only grow.
     */
    private void unsubscribeOrders(StreamSession session) {
        Principal principal = session.principal();
        if (principal != null) {
            accountSubscribers.computeIfPresent(principal.accountId(), (accountId, subscribers) -> {
                subscribers.remove(session);
                return subscribers.isEmpty() ? null : subscribers;
            });
        }
    }

    /** The shards that the sessions' subscriptions need: the market shards of mirrored instruments, the shards of subscribed accounts. */
    private Set<Integer> neededShards() {
        Set<Integer> shards = new HashSet<>();
        mirrors.forEach((instrumentId, mirror) -> {
            if (mirror.hasSubscribers()) {
                listing(instrumentId).ifPresent(listing -> shards.add(listing.marketShard()));
            }
        });
        accountSubscribers.keySet().forEach(accountId -> shards.add(engine.directory().shardOfAccount(accountId)));
        return shards;
    }

    /** A shard's feed is no longer followed: its mirrors (none has a subscriber) would go stale, so they go. */
    private void forgetMarketsOf(int shardId) {
        mirrors.entrySet().removeIf(entry -> !entry.getValue().hasSubscribers()
                && listing(entry.getKey()).map(listing -> listing.marketShard() == shardId).orElse(true));
    }

    private int marketShardOf(int instrumentId) {
        return listing(instrumentId).orElseThrow(() -> new IllegalStateException("instrument " + instrumentId + " is not in the directory"))
                .marketShard();
    }

    /**
     * An instrument's listing. Never absent for a mirrored instrument (instruments are not
     * delisted); where it is asked while a session closes, absence is not an error to throw.
     */
    private Optional<InstrumentListing> listing(int instrumentId) {
        return engine.directory().instrument(instrumentId);
    }

    /** A session closed while it subscribed may have been registered after it was removed: remove it again. */
    private void removeIfClosed(StreamSession session) {
        if (session.isClosed()) {
            remove(session);
        }
    }

    // ---- what clients ask ----

    void handle(StreamSession session, JsonNode request) {
        String op = text(request, "op");
        try {
            switch (op == null ? "" : op) {
                case "auth" -> authenticate(session, text(request, "token"));
                case "subscribe" -> subscribe(session, request);
                case "unsubscribe" -> unsubscribe(session, request);
                default -> session.send(error("\"op\" must be \"auth\", \"subscribe\" or \"unsubscribe\""));
            }
        } catch (IllegalArgumentException e) {
            session.send(error(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("stream request {} failed: {}", op, e.toString());
            session.send(error("the request could not be served; try again"));
        }
    }

    private void authenticate(StreamSession session, String token) {
        Principal principal = token == null ? null : authenticator.authenticate(token);
        if (principal == null || !principal.may(Scopes.READ)) {
            session.send(error("the token is not valid, or has expired or been revoked"));
            return;
        }
        Principal before = session.principal();
        if (before != null && before.accountId() != principal.accountId()) {
            // Authenticated again as someone else: the first account's orders are no longer this session's to follow.
            unsubscribeOrders(session);
        }
        session.authenticated(principal, token);
        session.send(new StreamMessage.Info("authenticated", null, null, null));
    }

    private void subscribe(StreamSession session, JsonNode request) {
        String channel = text(request, "channel");
        if ("orders".equals(channel)) {
            Principal principal = session.principal();
            if (principal == null) {
                throw new IllegalArgumentException("send {\"op\":\"auth\",\"token\":...} before subscribing to \"orders\"");
            }
            long accountId = principal.accountId();
            feeds.join(engine.directory().shardOfAccount(accountId), () -> accountSubscribers.compute(accountId, (id, subscribers) -> {
                Set<StreamSession> joined = subscribers == null ? ConcurrentHashMap.newKeySet() : subscribers;
                joined.add(session); // inside compute: never into a set that unsubscribeOrders is taking out of the map
                return joined;
            }));
            session.send(new StreamMessage.Info("subscribed", "orders", null, null));
            sendBalances(accountId, Set.of(session));
            removeIfClosed(session);
            return;
        }
        MarketMirror.Channel marketChannel = marketChannel(channel);
        Instrument instrument = instrument(request);
        CandleInterval interval = marketChannel == MarketMirror.Channel.CANDLES ? interval(request) : null;
        session.send(new StreamMessage.Info("subscribed", channel, instrument.symbol(), null));
        feeds.join(marketShardOf(instrument.id()),
                () -> mirrors.computeIfAbsent(instrument.id(), id -> new MarketMirror(instrument, engine)).subscribe(session, marketChannel, interval));
        removeIfClosed(session);
    }

    private void unsubscribe(StreamSession session, JsonNode request) {
        String channel = text(request, "channel");
        if ("orders".equals(channel)) {
            unsubscribeOrders(session);
        } else {
            MarketMirror.Channel marketChannel = marketChannel(channel);
            Instrument instrument = instrument(request);
            MarketMirror mirror = mirrors.get(instrument.id());
            if (mirror != null) {
                mirror.unsubscribe(session, marketChannel,
                        marketChannel == MarketMirror.Channel.CANDLES ? interval(request) : null);
            }
        }
        feeds.leaveUnneeded();
        session.send(new StreamMessage.Info("unsubscribed", channel, text(request, "symbol"), null));
    }

    private static MarketMirror.Channel marketChannel(String channel) {
        return switch (channel == null ? "" : channel) {
            case "book" -> MarketMirror.Channel.BOOK;
            case "trades" -> MarketMirror.Channel.TRADES;
            case "ticker" -> MarketMirror.Channel.TICKER;
            case "candles" -> MarketMirror.Channel.CANDLES;
            default -> throw new IllegalArgumentException("\"channel\" must be \"book\", \"trades\", \"ticker\", \"candles\" or \"orders\"");
        };
    }

    private Instrument instrument(JsonNode request) {
        String symbol = text(request, "symbol");
        if (symbol == null) {
            throw new IllegalArgumentException("\"symbol\" is required");
        }
        return markets.find(symbol.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> new IllegalArgumentException("\"" + symbol + "\" is not a listed symbol"));
    }

    private static CandleInterval interval(JsonNode request) {
        String label = text(request, "interval");
        CandleInterval interval = CandleInterval.ofLabel(label == null ? "1m" : label);
        if (interval == null) {
            throw new IllegalArgumentException("\"interval\" must be 1m, 5m, 1h or 1d");
        }
        return interval;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static StreamMessage.Info error(String message) {
        return new StreamMessage.Info("error", null, null, message);
    }

    // ---- what the shards say ----

    @Override
    public void onEvents(int shardId, List<ShardEvent> events) {
        Set<Long> touchedAccounts = new HashSet<>();
        for (ShardEvent event : events) {
            switch (event) {
                case ShardEvent.TradePrinted e -> toMirror(e.instrumentId(), event);
                case ShardEvent.BookLevelChanged e -> toMirror(e.instrumentId(), event);
                case ShardEvent.OrderUpdated e -> {
                    if (toAccount(e.accountId(), orderUpdate(e))) {
                        touchedAccounts.add(e.accountId());
                    }
                }
                case ShardEvent.OrderFilled e -> {
                    if (toAccount(e.accountId(), fillReport(e))) {
                        touchedAccounts.add(e.accountId());
                    }
                }
            }
        }
        for (long accountId : touchedAccounts) {
            Set<StreamSession> subscribers = accountSubscribers.get(accountId);
            if (subscribers != null && !subscribers.isEmpty()) {
                Thread.ofVirtual().start(() -> sendBalances(accountId, subscribers));
            }
        }
    }

    @Override
    public void onReset(int shardId) {
        for (MarketMirror mirror : mirrors.values()) {
            if (engine.directory().instrument(mirror.instrument().id()).map(l -> l.marketShard() == shardId).orElse(false)) {
                Thread.ofVirtual().start(mirror::reload);
            }
        }
        for (var entry : accountSubscribers.entrySet()) {
            if (engine.directory().shardOfAccount(entry.getKey()) == shardId) {
                StreamMessage.Resync resync = new StreamMessage.Resync("resync", "orders", null);
                StreamSession.broadcast(entry.getValue(), resync);
            }
        }
    }

    private void toMirror(int instrumentId, ShardEvent event) {
        MarketMirror mirror = mirrors.get(instrumentId);
        if (mirror != null) {
            mirror.onEvent(event);
        }
    }

    private boolean toAccount(long accountId, Object message) {
        Set<StreamSession> subscribers = accountSubscribers.get(accountId);
        if (subscribers == null || subscribers.isEmpty()) {
            return false;
        }
        StreamSession.broadcast(subscribers, message);
        return true;
    }

    private StreamMessage.OrderUpdate orderUpdate(ShardEvent.OrderUpdated e) {
        Instrument i = markets.byId(e.instrumentId());
        return new StreamMessage.OrderUpdate("order", Long.toString(e.orderId()), e.clientOrderId(), i.symbol(), Views.name(e.side()),
                Views.name(e.status()), Money.price(i, e.limitPriceTicks()), i.shares(e.totalLots()), i.shares(e.filledLots()),
                Views.name(e.endReason()), Views.time(e.logTimeMillis()));
    }

    private StreamMessage.FillReport fillReport(ShardEvent.OrderFilled e) {
        Instrument i = markets.byId(e.instrumentId());
        FillView fill = new FillView(e.fillId(), e.orderId(), e.instrumentId(), e.side(), e.priceTicks(), e.lots(),
                i.notionalCents(e.priceTicks(), e.lots()), e.feeCents(), e.maker(), e.logTimeMillis());
        return new StreamMessage.FillReport("fill", Views.fill(fill, i));
    }

    private void sendBalances(long accountId, Set<StreamSession> to) {
        try {
            AccountView account = engine.account(accountId);
            StreamMessage.Balances message = new StreamMessage.Balances("balances", Views.balances(account, markets::byId));
            StreamSession.broadcast(to, message);
        } catch (RuntimeException e) {
            LOG.debug("balances for {} not sent: {}", accountId, e.toString());
        }
    }
}
