package io.bourse.engine.client;

import com.alipay.sofa.jraft.option.RpcOptions;
import com.alipay.sofa.jraft.rpc.RpcClient;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;
import io.bourse.core.codec.BinaryReader;
import io.bourse.core.codec.BinaryWriter;
import io.bourse.core.instrument.Instrument;
import io.bourse.core.order.RejectReason;
import io.bourse.core.shard.CandleInterval;
import io.bourse.core.shard.CandleView;
import io.bourse.core.shard.Command;
import io.bourse.core.shard.FillView;
import io.bourse.core.shard.MarketStatsView;
import io.bourse.core.shard.OrderView;
import io.bourse.core.shard.TradeView;
import io.bourse.core.shard.TransferView;
import io.bourse.core.shard.UserView;
import io.bourse.engine.feed.EventCodec;
import io.bourse.engine.feed.FeedBatch;
import io.bourse.core.shard.CommandCodec;
import io.bourse.core.shard.CommandResult;
import io.bourse.engine.cluster.ClusterLayout;
import io.bourse.engine.cluster.GroupEndpoints;
import io.bourse.engine.directory.Directory;
import io.bourse.engine.directory.DirectoryView;
import io.bourse.engine.query.AccountView;
import io.bourse.engine.query.BookView;
import io.bourse.engine.query.Query;
import io.bourse.engine.query.QueryCodec;
import io.bourse.engine.query.ShardStatus;
import io.bourse.engine.rpc.EngineRequest;
import io.bourse.engine.rpc.EngineResponse;
import io.bourse.engine.rpc.RequestKind;
import io.bourse.engine.rpc.ResponseStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * The way into the engine, for gateways, tools, tests and the engines themselves: routes each
 * command by account slot or instrument to its shard, finds and follows the shard's leader,
 * retries with the same ids (every command carries its own idempotency key) within a deadline,
 * and turns what cannot be done into clear exceptions. Blocking; call it from virtual threads.
 */
public final class EngineClient implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EngineClient.class);
    /** Between asks while a group has no leader: an election takes tens of milliseconds once under way. */
    private static final long ELECTION_POLL_MILLIS = 20;
    private static final long MAX_BACK_OFF_MILLIS = 200;

    static {
        io.bourse.engine.rpc.RpcLibraries.configure();
    }

    private final ClusterLayout layout;
    private final GroupEndpoints endpoints;
    private final EngineClientOptions options;
    private final RpcClient rpc;
    private final Map<String, String> leaders = new ConcurrentHashMap<>();
    private final Map<Integer, CoalescingSender> senders = new ConcurrentHashMap<>();
    private volatile DirectoryView directory;

    public EngineClient(ClusterLayout layout, EngineClientOptions options) {
        this.layout = layout;
        this.endpoints = new GroupEndpoints(layout);
        this.options = options;
        this.rpc = RpcFactoryHelper.rpcFactory().createRpcClient();
        if (!rpc.init(new RpcOptions())) {
            throw new IllegalStateException("could not start the engine RPC client");
        }
    }

    public ClusterLayout layout() {
        return layout;
    }

    // ---- the directory ----

    /** The directory as last read (reading it when never read). */
    public DirectoryView directory() {
        DirectoryView current = directory;
        return current != null && current.isBootstrapped() ? current : refreshDirectory();
    }

    public DirectoryView refreshDirectory() {
        DirectoryView view = QueryCodec.decodeDirectory(call(ClusterLayout.DIRECTORY_GROUP, RequestKind.QUERY, false,
                QueryCodec.encode(new Query.Directory())));
        directory = view;
        return view;
    }

    /** Re-centres an instrument's price band in the directory; the shards pick it up from there. */
    public CommandResult moveReferencePrice(int instrumentId, long referencePriceTicks) {
        return submitToDirectory(Directory.moveReferencePrice(instrumentId, referencePriceTicks));
    }

    /** Lists an instrument in the directory; the shards pick it up from there. */
    public CommandResult listInstrument(Instrument instrument, int marketShard) {
        return submitToDirectory(Directory.listInstrument(instrument, marketShard));
    }

    /** Applies one directory command, then reads the directory again, so this client routes by what it changed. */
    private CommandResult submitToDirectory(byte[] command) {
        CommandResult result = decodeResults(call(ClusterLayout.DIRECTORY_GROUP, RequestKind.SUBMIT, false, batchBody(List.of(command))))
                .get(0);
        refreshDirectory();
        return result;
    }

    // ---- commands ----

    /**
     * Applies a customer command on the shard that owns its account. Commands submitted at the same
     * time by many threads travel together, in one call per shard.
     */
    public CommandResult submit(Command command) {
        return submitThenRead(command, null).result();
    }

    /**
     * Applies a customer command, like {@link #submit(Command)}, and in the same round trip reads one
     * of the account's orders as it is right after the command (the shard's leader reads it as it
     * applies the command's log entry, so the read is linearizable without a read round of its own).
     */
    public CommandAndOrder submitThenReadOrder(Command command, long orderId) {
        long accountId = accountOf(command);
        CoalescingSender.Answer answer = submitThenRead(command, QueryCodec.encode(new Query.Order(accountId, orderId)));
        if (answer.readAfter() != null) {
            // Refused or not: a refusal of an order that has ended can say how it ended.
            return new CommandAndOrder(answer.result(), QueryCodec.decodeOrders(answer.readAfter()).stream().findFirst());
        }
        // The leader could not read it as it applied the command: ask again, unless it was refused.
        return new CommandAndOrder(answer.result(), answer.result().isRejected() ? Optional.empty() : order(accountId, orderId));
    }

    /**
     * Applies a deposit or withdrawal, like {@link #submit(Command)}, and in the same round trip reads
     * the account's kept transfers as they are right after it (none when the leader could not read
     * them as it applied the command).
     */
    public CommandAndTransfers submitThenReadTransfers(Command command) {
        CoalescingSender.Answer answer = submitThenRead(command, QueryCodec.encode(new Query.Transfers(accountOf(command))));
        return new CommandAndTransfers(answer.result(),
                answer.readAfter() == null ? List.of() : QueryCodec.decodeTransfers(answer.readAfter()));
    }

    private CoalescingSender.Answer submitThenRead(Command command, byte[] queryAfter) {
        long accountId = accountOf(command);
        CoalescingSender.Answer answer = coalesced(directory().shardOfAccount(accountId), command, queryAfter);
        if (answer.result().isRejected() && answer.result().reason() == RejectReason.WRONG_SHARD) {
            // The slot may have moved since the directory was read.
            answer = coalesced(refreshDirectory().shardOfAccount(accountId), command, queryAfter);
        }
        return answer;
    }

    private CoalescingSender.Answer coalesced(int shardId, Command command, byte[] queryAfter) {
        CoalescingSender sender = senders.computeIfAbsent(shardId, id -> new CoalescingSender(id, this::submitThenReadEncoded));
        try {
            return sender.submit(command, queryAfter).join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private List<CoalescingSender.Answer> submitThenReadEncoded(int shardId, List<CoalescingSender.Submission> submissions) {
        BinaryWriter out = new BinaryWriter(64).writeInt(submissions.size());
        for (CoalescingSender.Submission submission : submissions) {
            byte[] query = submission.queryAfter() == null ? new byte[0] : submission.queryAfter();
            out.writeInt(submission.command().length).writeBytes(submission.command()).writeInt(query.length).writeBytes(query);
        }
        BinaryReader in = new BinaryReader(call(ClusterLayout.shardGroupId(shardId), RequestKind.SUBMIT_THEN_READ, false, out.toByteArray()));
        int count = in.readCount(14);
        List<CoalescingSender.Answer> answers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CommandResult result = CommandCodec.readResult(in);
            int length = in.readInt();
            answers.add(new CoalescingSender.Answer(result, length < 0 ? null : in.readBytes(length)));
        }
        return answers;
    }

    /** Applies commands, in order, on one shard; one result each. */
    public List<CommandResult> submit(int shardId, List<Command> commands) {
        List<byte[]> encoded = new ArrayList<>(commands.size());
        for (Command command : commands) {
            encoded.add(CommandCodec.encode(command));
        }
        return submitEncoded(shardId, encoded);
    }

    /** Like {@link #submit(int, List)}, with commands already in their binary form. */
    public List<CommandResult> submitEncoded(int shardId, List<byte[]> commands) {
        return decodeResults(call(ClusterLayout.shardGroupId(shardId), RequestKind.SUBMIT, false, batchBody(commands)));
    }

    private static long accountOf(Command command) {
        long accountId = Command.accountOf(command);
        if (accountId < 0) {
            throw new IllegalArgumentException(command.getClass().getSimpleName() + " names no account: send it to a shard");
        }
        return accountId;
    }

    // ---- reads ----

    /** An account's balances and open orders, read linearizably from its shard's leader. */
    public AccountView account(long accountId) {
        int shard = directory().shardOfAccount(accountId);
        return QueryCodec.decodeAccount(call(ClusterLayout.shardGroupId(shard), RequestKind.QUERY, false,
                QueryCodec.encode(new Query.Account(accountId))));
    }

    /** A book's top levels; with {@code staleAllowed}, from whichever replica answers first. */
    public BookView book(int instrumentId, int depth, boolean staleAllowed) {
        int shard = marketShardOf(instrumentId);
        return QueryCodec.decodeBook(call(ClusterLayout.shardGroupId(shard), RequestKind.QUERY, staleAllowed,
                QueryCodec.encode(new Query.Book(instrumentId, depth))));
    }

    /** The user owning an account, or null when nobody has registered it; linearizable. */
    public UserView user(long accountId) {
        return QueryCodec.decodeUser(accountQuery(accountId, new Query.User(accountId)));
    }

    /** One of an account's orders, open or recently ended; never another account's; linearizable. */
    public Optional<OrderView> order(long accountId, long orderId) {
        List<OrderView> found = QueryCodec.decodeOrders(accountQuery(accountId, new Query.Order(accountId, orderId)));
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    /** An account's recently ended orders, oldest first; linearizable. */
    public List<OrderView> orderHistory(long accountId) {
        return QueryCodec.decodeOrders(accountQuery(accountId, new Query.OrderHistory(accountId)));
    }

    /** An account's recent fills, oldest first; linearizable. */
    public List<FillView> fills(long accountId) {
        return QueryCodec.decodeFills(accountQuery(accountId, new Query.Fills(accountId)));
    }

    /** An account's recent deposits and withdrawals, oldest first; linearizable. */
    public List<TransferView> transfers(long accountId) {
        return QueryCodec.decodeTransfers(accountQuery(accountId, new Query.Transfers(accountId)));
    }

    private byte[] accountQuery(long accountId, Query query) {
        int shard = directory().shardOfAccount(accountId);
        return call(ClusterLayout.shardGroupId(shard), RequestKind.QUERY, false, QueryCodec.encode(query));
    }

    /** An instrument's quote and day figures; with {@code staleAllowed}, from whichever replica answers. */
    public MarketStatsView quote(int instrumentId, boolean staleAllowed) {
        return QueryCodec.decodeQuote(marketQuery(instrumentId, new Query.Quote(instrumentId), staleAllowed));
    }

    /**
     * Several instruments' quotes, by instrument id, every one asked for (a market shard answers
     * for all it was asked or refuses): one read per market shard they are on, not
     * one per instrument (a portfolio of thirty positions on four shards makes four calls). Several
     * shards are asked at once, each on a virtual thread of its own, so the wait is the slowest one's;
     * a single shard is asked on the caller's thread.
     */
    public Map<Integer, MarketStatsView> quotes(Collection<Integer> instrumentIds, boolean staleAllowed) {
        TreeMap<Integer, List<Integer>> byShard = new TreeMap<>();
        for (int instrumentId : instrumentIds) {
            byShard.computeIfAbsent(marketShardOf(instrumentId), shard -> new ArrayList<>()).add(instrumentId);
        }
        Map<Integer, MarketStatsView> quotes = HashMap.newHashMap(instrumentIds.size());
        if (byShard.size() == 1) {
            Map.Entry<Integer, List<Integer>> only = byShard.firstEntry();
            quotesOnShard(only.getKey(), only.getValue(), staleAllowed).forEach(quote -> quotes.put(quote.instrumentId(), quote));
            return quotes;
        }
        List<CompletableFuture<List<MarketStatsView>>> answers = new ArrayList<>(byShard.size());
        byShard.forEach((shard, ids) -> answers.add(
                CompletableFuture.supplyAsync(() -> quotesOnShard(shard, ids, staleAllowed), Thread::startVirtualThread)));
        for (CompletableFuture<List<MarketStatsView>> answer : answers) {
            try {
                answer.join().forEach(quote -> quotes.put(quote.instrumentId(), quote));
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e; // the call's own error, as a single read throws it
            }
        }
        return quotes;
    }

    private List<MarketStatsView> quotesOnShard(int shard, List<Integer> instrumentIds, boolean staleAllowed) {
        return quotesOneByOneIfRefused(() -> QueryCodec.decodeQuotes(call(ClusterLayout.shardGroupId(shard), RequestKind.QUERY,
                        staleAllowed, QueryCodec.encode(new Query.Quotes(instrumentIds)))),
                instrumentIds, instrumentId -> quote(instrumentId, staleAllowed));
    }

    /**
     * One market shard's quotes read {@code together}, or, if the shard refuses that read as a bad
     * request, read {@code oneByOne}. A node of a release before the several-quotes read (query tag
     * 12) answers it "unknown query tag": during an upgrade done out of order (gateways before engine
     * nodes, against deploy/README.md) a portfolio then costs a read per position instead of failing.
     * Any other refusal comes back from the single reads as well, and is thrown from there.
     */
    static List<MarketStatsView> quotesOneByOneIfRefused(Supplier<List<MarketStatsView>> together, List<Integer> instrumentIds,
                                                         IntFunction<MarketStatsView> oneByOne) {
        try {
            return together.get();
        } catch (EngineRequestException refused) {
            List<MarketStatsView> quotes = new ArrayList<>(instrumentIds.size());
            for (int instrumentId : instrumentIds) {
                quotes.add(oneByOne.apply(instrumentId));
            }
            return quotes;
        }
    }

    public List<TradeView> recentTrades(int instrumentId, boolean staleAllowed) {
        return QueryCodec.decodeTrades(marketQuery(instrumentId, new Query.Trades(instrumentId), staleAllowed));
    }

    public List<CandleView> candles(int instrumentId, CandleInterval interval, boolean staleAllowed) {
        return QueryCodec.decodeCandles(marketQuery(instrumentId, new Query.Candles(instrumentId, interval), staleAllowed));
    }

    private byte[] marketQuery(int instrumentId, Query query, boolean staleAllowed) {
        return call(ClusterLayout.shardGroupId(marketShardOf(instrumentId)), RequestKind.QUERY, staleAllowed, QueryCodec.encode(query));
    }

    private int marketShardOf(int instrumentId) {
        return directory().instrument(instrumentId)
                .orElseThrow(() -> new EngineRequestException("unknown instrument " + instrumentId)).marketShard();
    }

    /**
     * Follows one replica's event feed: events after {@code after} in {@code epoch}, waiting up to
     * {@code waitMillis} for the first. Null when the replica did not answer (try another).
     */
    public FeedBatch feed(int shardId, String endpoint, long epoch, long after, int max, int waitMillis) {
        byte[] body = new BinaryWriter(24).writeLong(epoch).writeLong(after).writeInt(max).writeInt(waitMillis).toByteArray();
        EngineResponse response = invoke(endpoint, new EngineRequest(RequestKind.FEED, ClusterLayout.shardGroupId(shardId), true, body),
                waitMillis + options.rpcTimeoutMillis());
        return response == null || response.status() != ResponseStatus.OK ? null : EventCodec.decode(response.body());
    }

    /** The endpoints ("host:port") of a group's replicas, in the layout's order; empty for a group it does not have. */
    public List<String> endpointsOf(String groupId) {
        return endpoints.of(groupId);
    }

    /** The endpoint believed to lead a group (the layout's first replica until told otherwise). */
    public String leaderOf(String groupId) {
        return leaders.getOrDefault(groupId, endpoints.of(groupId).get(0));
    }

    public ShardStatus status(int shardId) {
        return QueryCodec.decodeStatus(call(ClusterLayout.shardGroupId(shardId), RequestKind.QUERY, false,
                QueryCodec.encode(new Query.Status())));
    }

    /** One particular replica's status, as it is there now (it may be behind its leader). */
    public ShardStatus replicaStatus(int shardId, String endpoint) {
        EngineResponse response = invoke(endpoint, new EngineRequest(RequestKind.QUERY, ClusterLayout.shardGroupId(shardId), true,
                QueryCodec.encode(new Query.Status())));
        if (response == null || response.status() != ResponseStatus.OK) {
            throw new EngineUnavailableException("replica " + endpoint + " of shard " + shardId + " did not answer"
                    + (response == null ? "" : ": " + response.message()));
        }
        return QueryCodec.decodeStatus(response.body());
    }

    /** Sends one request to one node as it is, without routing or retries (tools and tests); null when it did not answer. */
    public EngineResponse sendRaw(String endpoint, EngineRequest request) {
        return invoke(endpoint, request);
    }

    // ---- transport: leader discovery and retries ----

    /**
     * Sends one request to a group, retrying until the deadline: to the replica believed to lead
     * (or, for stale reads, to any replica); on "not the leader" to the hinted one; on silence or
     * failure to the next replica in the layout.
     *
     * <p>Waits between attempts are short while a group is electing (a crashed leader's group
     * serves again within about a second, and a caller should hear of it within tens of
     * milliseconds, not a back-off later), and none at all when a replica does not answer but
     * another has not been tried yet: a dead node refuses at once, and its group's other replicas
     * are the place to ask. Only an overloaded leader is given the longer back-off.
     */
    private byte[] call(String groupId, RequestKind kind, boolean staleAllowed, byte[] body) {
        List<String> replicas = endpoints.of(groupId);
        if (replicas.isEmpty()) {
            throw new EngineRequestException("no such group: " + groupId);
        }
        EngineRequest request = new EngineRequest(kind, groupId, staleAllowed, body);
        long deadline = System.nanoTime() + options.deadlineMillis() * 1_000_000L;
        int attempt = 0;
        int silentInARow = 0;
        String lastProblem = "no replica answered";
        while (System.nanoTime() < deadline) {
            attempt++;
            String endpoint = staleAllowed ? replicas.get(ThreadLocalRandom.current().nextInt(replicas.size()))
                    : leaders.computeIfAbsent(groupId, group -> replicas.get(0));
            EngineResponse response = invoke(endpoint, request);
            LOG.debug("{} {} attempt {} to {}: {}", groupId, kind, attempt, endpoint,
                    response == null ? "no answer" : response.status());
            ResponseStatus status = response == null ? ResponseStatus.ERROR : response.status();
            silentInARow = status == ResponseStatus.ERROR || status == ResponseStatus.UNKNOWN_GROUP ? silentInARow + 1 : 0;
            switch (status) {
                case OK -> {
                    return response.body();
                }
                case BAD_REQUEST -> throw new EngineRequestException(groupId + ": " + response.message());
                case NOT_LEADER -> {
                    String hint = response.leaderHint();
                    boolean useful = hint != null && !hint.equals(endpoint) && replicas.contains(hint);
                    leaders.put(groupId, useful ? hint : nextReplica(replicas, endpoint));
                    lastProblem = endpoint + " is not the leader";
                    if (!useful) {
                        sleep(ELECTION_POLL_MILLIS); // no leader known there: an election is probably under way
                    }
                }
                case OVERLOADED -> {
                    lastProblem = endpoint + " is overloaded";
                    sleep(Math.min(MAX_BACK_OFF_MILLIS, 10L * attempt));
                }
                case UNKNOWN_GROUP, ERROR -> {
                    leaders.put(groupId, nextReplica(replicas, endpoint));
                    lastProblem = endpoint + (response == null ? " did not answer" : ": " + response.message());
                    if (silentInARow % replicas.size() == 0) {
                        sleep(Math.min(MAX_BACK_OFF_MILLIS, 10L * attempt)); // none of them answers: wait a little
                    }
                }
            }
        }
        throw new EngineUnavailableException(groupId + " did not answer within " + options.deadlineMillis() + " ms (" + lastProblem + ")");
    }

    private static String nextReplica(List<String> replicas, String endpoint) {
        return replicas.get((replicas.indexOf(endpoint) + 1) % replicas.size());
    }

    private EngineResponse invoke(String endpoint, EngineRequest request) {
        return invoke(endpoint, request, options.rpcTimeoutMillis());
    }

    private EngineResponse invoke(String endpoint, EngineRequest request, long timeoutMillis) {
        try {
            int colon = endpoint.lastIndexOf(':');
            Endpoint target = new Endpoint(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1)));
            // Asynchronous, then waited for without a timer of our own: the RPC library's timer
            // wheel bounds the call and answers the callback. A timed wait would cost a virtual
            // thread a timer scheduled and cancelled per call (measured: about a twentieth of the
            // gateway process's CPU under load went to that timer's thread and its cancellations).
            // The few answers the library loses without a callback, LostAnswers gives up on.
            CompletableFuture<EngineResponse> answer = new CompletableFuture<>();
            rpc.invokeAsync(target, request, (result, failure) -> {
                if (failure == null && result instanceof EngineResponse response) {
                    answer.complete(response);
                } else {
                    answer.complete(null);
                }
            }, timeoutMillis);
            return LostAnswers.process().await(answer, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while calling " + endpoint);
        } catch (Exception e) {
            return null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting to retry");
        }
    }

    static byte[] batchBody(List<byte[]> commands) {
        BinaryWriter out = new BinaryWriter(64).writeInt(commands.size());
        for (byte[] command : commands) {
            out.writeInt(command.length).writeBytes(command);
        }
        return out.toByteArray();
    }

    private static List<CommandResult> decodeResults(byte[] body) {
        BinaryReader in = new BinaryReader(body);
        int count = in.readCount(10);
        List<CommandResult> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            results.add(CommandCodec.readResult(in));
        }
        return results;
    }

    /** Calls of this process's engine clients whose answer never came back from the RPC library and were given up on (see {@link LostAnswers}). */
    public static long lostAnswers() {
        return LostAnswers.process().givenUp();
    }

    /** How the commands submitted here went out to the shards so far, summed over the shards; reads and queries are not counted. */
    public CallStats callStats() {
        return senders.values().stream().map(CoalescingSender::stats).reduce(CallStats.NONE, CallStats::plus);
    }

    @Override
    public void close() {
        senders.values().forEach(CoalescingSender::stop);
        rpc.shutdown();
    }
}
