package io.bourse.bench.load;

import io.bourse.client.HttpTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The load generator's HTTP client: Netty, with one event-loop thread for all its connections.
 * HTTP/1.1 keep-alive, one request at a time on a connection (no pipelining, as a browser or an
 * ordinary client sends), and as many connections as requests in flight.
 *
 * <p>Why an event loop: the load generator shares the machine with the system it measures, and
 * what it spends, that system does not get. Profiled under the single-gateway closed loop, the
 * blocking client it used before (Helidon's, a virtual thread per user) took about a sixth of the
 * process's CPU: each answer was a read that found nothing yet, a re-registration with epoll, a
 * wake-up through the JDK's poller and a virtual thread mounted again. One thread that reads
 * whichever connections are ready, and writes the next request on the spot, does none of that.
 *
 * <p>Everything but {@link #exchangeAsync}'s first step runs on that thread, so the pool of idle
 * connections and the set of busy ones need no locks. Answers complete on it too: what a caller
 * chains to them must not block.
 */
final class NettyHttpTransport implements HttpTransport, AutoCloseable {
    private static final int MAX_ANSWER_BYTES = 64 << 20;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    /** How often overdue answers are looked for: one sweep instead of a timer per request. */
    private static final long WATCH_EVERY_MILLIS = 100;
    private static final AttributeKey<Exchange> EXCHANGE = AttributeKey.valueOf("bourse.bench.exchange");

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Bootstrap bootstrap;
    /** Idle connections by server ("scheme://host:port"), the most recently used first. Loop thread only. */
    private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();
    /** Connections waiting for an answer. Loop thread only. */
    private final Set<Channel> busy = new HashSet<>();
    private SslContext tls;

    NettyHttpTransport() {
        boolean epoll = Epoll.isAvailable();
        DefaultThreadFactory threads = new DefaultThreadFactory("bench-http", true);
        group = epoll ? new EpollEventLoopGroup(1, threads) : new NioEventLoopGroup(1, threads);
        loop = group.next();
        bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
        loop.scheduleAtFixedRate(this::endOverdue, WATCH_EVERY_MILLIS, WATCH_EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Response exchange(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout)
            throws IOException, InterruptedException {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("a blocking exchange on the transport's own thread would wait for itself");
        }
        try {
            return exchangeAsync(method, uri, headers, body, timeout).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    @Override
    public CompletableFuture<Response> exchangeAsync(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {
        Exchange exchange = new Exchange(uri, request(method, uri, headers, body), timeout);
        if (loop.inEventLoop()) {
            start(exchange);
        } else {
            try {
                loop.execute(() -> start(exchange));
            } catch (RejectedExecutionException closed) {
                exchange.fail(new IOException("the load generator's HTTP client is closed"));
            }
        }
        return exchange.answer;
    }

    /** Closes every connection, ending any request still waiting for its answer. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Idle connections to {@code uri}'s server (for tests; waits for the loop thread). */
    int idleTo(URI uri) {
        return loop.submit(() -> {
            ArrayDeque<Channel> ofServer = idle.get(serverOf(uri));
            return ofServer == null ? 0 : (int) ofServer.stream().filter(Channel::isActive).count();
        }).syncUninterruptibly().getNow();
    }

    private static FullHttpRequest request(String method, URI uri, Map<String, String> headers, byte[] body) {
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), target,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        request.headers().set(HttpHeaderNames.HOST, uri.getRawAuthority());
        headers.forEach(request.headers()::set);
        if (body != null) {
            HttpUtil.setContentLength(request, body.length);
        }
        return request;
    }

    /** On the loop thread: sends over an idle connection to the server, or a new one. */
    private void start(Exchange exchange) {
        ArrayDeque<Channel> ofServer = idle.get(exchange.server);
        Channel channel = ofServer == null ? null : ofServer.pollFirst();
        while (channel != null && !channel.isActive()) {
            channel = ofServer.pollFirst();
        }
        if (channel != null) {
            send(channel, exchange);
            return;
        }
        URI uri = exchange.uri;
        SslContext context;
        try {
            context = "https".equals(uri.getScheme()) ? tls() : null;
        } catch (SSLException e) {
            exchange.fail(e);
            return;
        }
        String host = uri.getHost();
        int port = portOf(uri);
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
                if (context != null) {
                    SslHandler handler = context.newHandler(channel.alloc(), host, port);
                    SSLParameters parameters = handler.engine().getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
                    handler.engine().setSSLParameters(parameters);
                    channel.pipeline().addLast(handler);
                }
                channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_ANSWER_BYTES), new AnswerHandler(exchange.server));
            }
        }).connect(host, port).addListener((ChannelFuture connected) -> {
            if (connected.isSuccess()) {
                send(connected.channel(), exchange);
            } else {
                exchange.fail(connectFailure(connected.cause()));
            }
        });
    }

    /**
     * A failed connection as the JDK would report it ({@code ConnectException: Connection refused:
     * host/address:port}): Netty's native transport words it as the system call that failed, with
     * the error number, under a wrapper class of its own. Any other failure (a connect timeout, which
     * Netty reports as a {@code ConnectException} of its own kind) is left as it is.
     */
    static Throwable connectFailure(Throwable cause) {
        String message = cause.getMessage();
        if (!(cause instanceof ConnectException) || message == null || !message.startsWith("finishConnect(")) {
            return cause;
        }
        int reason = message.indexOf("): ");
        return reason < 0 ? cause : new ConnectException(message.substring(reason + 3));
    }

    private void send(Channel channel, Exchange exchange) {
        channel.attr(EXCHANGE).set(exchange);
        busy.add(channel);
        FullHttpRequest request = exchange.request;
        exchange.request = null; // the channel releases it once written
        channel.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess()) {
                end(channel, written.cause());
            }
        });
    }

    /** Fails the request waiting on {@code channel}, if any, and closes it: what is left on it is unknown. */
    private void end(Channel channel, Throwable cause) {
        busy.remove(channel);
        Exchange exchange = channel.attr(EXCHANGE).getAndSet(null);
        if (exchange != null) {
            exchange.fail(cause);
        }
        channel.close();
    }

    private void endOverdue() {
        long now = System.nanoTime();
        List<Channel> overdue = new ArrayList<>();
        for (Channel channel : busy) {
            Exchange exchange = channel.attr(EXCHANGE).get();
            if (exchange != null && exchange.hasDeadline && now - exchange.dueNanos >= 0) {
                overdue.add(channel);
            }
        }
        for (Channel channel : overdue) {
            Exchange exchange = channel.attr(EXCHANGE).get();
            end(channel, new SocketTimeoutException("no answer within " + exchange.timeout.toMillis() + " ms"));
        }
    }

    private SslContext tls() throws SSLException {
        if (tls == null) {
            tls = SslContextBuilder.forClient().build();
        }
        return tls;
    }

    private static String serverOf(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + portOf(uri);
    }

    /** The port a URI names, or its scheme's own when it names none. */
    static int portOf(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme()) ? 443 : 80;
    }

    /** Reads each answer whole, gives its connection back (or closes it, if the server asked) and completes the request. */
    private final class AnswerHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final String server;

        AnswerHandler(String server) {
            this.server = server;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
            Channel channel = context.channel();
            busy.remove(channel);
            Exchange exchange = channel.attr(EXCHANGE).getAndSet(null);
            if (exchange == null) { // an answer nobody asked for (its request was overdue): the connection cannot be trusted
                channel.close();
                return;
            }
            Response answer = new Response(response.status().code(), ByteBufUtil.getBytes(response.content()),
                    HttpTransport.retryAfterSeconds(response.headers().get(HttpHeaderNames.RETRY_AFTER)));
            if (HttpUtil.isKeepAlive(response)) {
                idle.computeIfAbsent(server, s -> new ArrayDeque<>()).addFirst(channel); // before completing: the next request may take it
            } else {
                channel.close();
            }
            exchange.answer.complete(answer);
        }

        @Override
        public void channelInactive(ChannelHandlerContext context) {
            end(context.channel(), new IOException("the server closed the connection before answering"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            end(context.channel(), cause);
        }
    }

    /** One request: where it goes, its bytes until sent, its deadline and its answer. */
    private static final class Exchange {
        final URI uri;
        final String server;
        final Duration timeout;
        final boolean hasDeadline;
        final long dueNanos;
        final CompletableFuture<Response> answer = new CompletableFuture<>();
        FullHttpRequest request;

        Exchange(URI uri, FullHttpRequest request, Duration timeout) {
            this.uri = uri;
            this.server = serverOf(uri);
            this.request = request;
            this.timeout = timeout;
            // No deadline for a timeout of zero or less, as with a socket's read timeout.
            this.hasDeadline = !timeout.isZero() && !timeout.isNegative();
            this.dueNanos = System.nanoTime() + (hasDeadline ? timeout.toNanos() : 0);
        }

        void fail(Throwable cause) {
            if (request != null) {
                ReferenceCountUtil.release(request);
                request = null;
            }
            answer.completeExceptionally(cause);
        }
    }
}
