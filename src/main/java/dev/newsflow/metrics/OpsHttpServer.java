package dev.newsflow.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The operations endpoints on the JDK HTTP server:
 * <ul>
 *   <li>{@code /metrics}: Prometheus text format.</li>
 *   <li>{@code /ready}: 200 when RUNNING, 204 while REBALANCING (still a success for Kubernetes, so a
 *       rebalance does not take every pod out of service at once), 503 otherwise.</li>
 *   <li>{@code /live}: 200 unless a stream thread is stuck on one record, or the client has failed or stopped (ERROR, PENDING_ERROR,
 *       NOT_RUNNING, PENDING_SHUTDOWN), which a restart may cure; 503 then.</li>
 *   <li>{@code /topology}: the topology description, for humans.</li>
 * </ul>
 * Further read-only handlers (interactive queries) can be added with {@link #route}.
 */
public final class OpsHttpServer implements AutoCloseable {
    private final HttpServer server;

    /**
     * @param notLiveBecause  why the instance should be restarted although its state looks alive (a stuck record)
     * @param notReadyBecause why it cannot take records although RUNNING (records waiting on an outage)
     */
    public OpsHttpServer(int port, PrometheusMeterRegistry registry, Supplier<KafkaStreams> streams,
                         String topologyDescription, Supplier<Optional<String>> notLiveBecause,
                         Supplier<Optional<String>> notReadyBecause) throws IOException {
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "newsflow-http");
            t.setDaemon(true);
            return t;
        }));
        route("/metrics", exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8",
                registry.scrape()));
        route("/ready", exchange -> {
            KafkaStreams.State state = streams.get().state();
            int status = switch (state) {
                case RUNNING -> 200;
                case REBALANCING -> 204;
                default -> 503;
            };
            Optional<String> problem = status == 503 ? Optional.empty() : notReadyBecause.get();
            respond(exchange, problem.isPresent() ? 503 : status, "text/plain",
                    state.name() + problem.map(p -> ": " + p).orElse(""));
        });
        route("/live", exchange -> {
            KafkaStreams.State state = streams.get().state();
            boolean alive = switch (state) {
                case ERROR, PENDING_ERROR, NOT_RUNNING, PENDING_SHUTDOWN -> false;
                default -> true;
            };
            Optional<String> problem = alive ? notLiveBecause.get() : Optional.empty();
            respond(exchange, alive && problem.isEmpty() ? 200 : 503, "text/plain",
                    state.name() + problem.map(p -> ": " + p).orElse(""));
        });
        route("/topology", exchange -> respond(exchange, 200, "text/plain; charset=utf-8", topologyDescription));
        server.start();
    }

    public void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    respond(exchange, 405, "text/plain", "GET only");
                    return;
                }
                handler.handle(exchange);
            } catch (RuntimeException e) {
                respond(exchange, 500, "text/plain", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        });
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = status == 204 ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
