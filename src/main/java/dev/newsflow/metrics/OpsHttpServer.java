package dev.newsflow.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.kafka.streams.KafkaStreams;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The operations endpoints:
 * <ul>
 *   <li>{@code /metrics}: Prometheus text format.</li>
 *   <li>{@code /ready}: 200 when RUNNING, 204 while REBALANCING (still a success for Kubernetes, so a
 *       rebalance does not take every pod out of service at once), 503 otherwise or while the
 *       records wait on an outage.</li>
 *   <li>{@code /live}: 200 unless a stream thread is stuck on one record, a state store failed, or the
 *       client has failed or stopped (ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN), which a
 *       restart may cure; 503 then.</li>
 * </ul>
 * The application adds {@code /topology} and its interactive queries with {@link #route} and {@link #routeCostly}.
 *
 * <p>The probes must answer while clients misbehave, so requests are parsed without holding a thread
 * (a client that sends half a request line costs a connection, not a worker), headers are capped,
 * idle connections are closed, the connection count is capped (and idle ones are dropped sooner when
 * it is reached), and costly endpoints may occupy only a few workers at once.
 */
public final class OpsHttpServer implements AutoCloseable {
    static final int WORKERS = 8;
    static final int COSTLY_AT_ONCE = 2;
    static final int MAX_CONNECTIONS = 256;
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final long IDLE_TIMEOUT_MS = 10_000;
    static final long IDLE_TIMEOUT_AT_LIMIT_MS = 1_000;

    private final Server server;
    private final ServerConnector connector;
    private final Map<String, OpsEndpoint> routes = new ConcurrentHashMap<>();
    private final Semaphore costly = new Semaphore(COSTLY_AT_ONCE);

    public OpsHttpServer(int port, PrometheusMeterRegistry registry, Health health) throws IOException {
        QueuedThreadPool workers = new QueuedThreadPool(WORKERS, 2);
        workers.setName("newsflow-http");
        workers.setDaemon(true);
        server = new Server(workers);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        NetworkConnectionLimit limit = new NetworkConnectionLimit(MAX_CONNECTIONS, connector);
        limit.setEndPointIdleTimeout(IDLE_TIMEOUT_AT_LIMIT_MS);
        server.addBean(limit);
        server.addConnector(connector);
        server.setHandler(new Dispatcher());

        routes.put("/metrics", query -> new OpsReply(200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
        routes.put("/ready", query -> ready(health));
        routes.put("/live", query -> live(health));
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException("cannot serve the operations endpoints on port " + port + ": " + e.getMessage(), e);
        }
    }

    private static OpsReply ready(Health health) {
        KafkaStreams.State state = health.state();
        int status = switch (state) {
            case RUNNING -> 200;
            case REBALANCING -> 204;
            default -> 503;
        };
        Optional<String> problem = health.notReadyBecause();
        return OpsReply.text(problem.isPresent() ? 503 : status, state.name() + problem.map(p -> ": " + p).orElse(""));
    }

    private static OpsReply live(Health health) {
        KafkaStreams.State state = health.state();
        boolean alive = switch (state) {
            case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> false;
            default -> true;
        };
        Optional<String> problem = alive ? health.notLiveBecause() : Optional.empty();
        return OpsReply.text(alive && problem.isEmpty() ? 200 : 503, state.name() + problem.map(p -> ": " + p).orElse(""));
    }

    /** Serves a cheap endpoint (no store scans, no calls out). */
    public void route(String path, OpsEndpoint endpoint) {
        routes.put(path, endpoint);
    }

    /**
     * Serves an endpoint whose answer takes real work (a store scan, calls to peers): at most
     * {@link #COSTLY_AT_ONCE} run at once and the rest are told to retry, so they never take the
     * workers the probes need.
     */
    public void routeCostly(String path, OpsEndpoint endpoint) {
        routes.put(path, query -> {
            if (!costly.tryAcquire()) {
                return OpsReply.text(503, "busy: " + COSTLY_AT_ONCE + " such queries are running; retry shortly");
            }
            try {
                return endpoint.answer(query);
            } finally {
                costly.release();
            }
        });
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the operations server did not stop", e);
        }
    }

    private final class Dispatcher extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            OpsReply reply;
            String method = request.getMethod();
            OpsEndpoint endpoint = routes.get(Request.getPathInContext(request));
            if (endpoint == null) {
                reply = OpsReply.text(404, "no such endpoint; try /live /ready /metrics /topology");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                reply = OpsReply.text(405, "GET only");
            } else {
                reply = answer(endpoint, request);
            }
            response.setStatus(reply.status());
            if (reply.status() == 204) {
                response.write(true, null, callback);
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
            Content.Sink.write(response, true, reply.body(), callback);
            return true;
        }

        private OpsReply answer(OpsEndpoint endpoint, Request request) {
            Map<String, String> query = new HashMap<>();
            try {
                Fields fields = Request.extractQueryParameters(request);
                for (String name : fields.getNames()) {
                    query.put(name, fields.getValue(name));
                }
            } catch (RuntimeException badQuery) {
                return OpsReply.text(400, "unreadable query string");
            }
            try {
                return endpoint.answer(query);
            } catch (IOException | RuntimeException e) {
                return OpsReply.text(500, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
    }
}
