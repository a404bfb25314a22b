package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.newsflow.entities.TrendingEntities;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A merged trending query while one peer is frozen and another is gone: the answer says who is missing. */
class PeerSharesTest {

    @Test
    void aFrozenAndADeadPeerLeaveAPartialAnswerThatNamesThem() throws Exception {
        CountDownLatch thaw = new CountDownLatch(1);
        HttpServer answering = server(exchange -> {
            byte[] body = ("{\"exact\": true, \"certainAbove\": 0, \"entities\": [{\"type\": \"PERSON\","
                    + " \"name\": \"Sergei Lavrov\", \"count\": 7, \"hourly\": {\"2026-12-08T10:00:00Z\": 7}}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        HttpServer frozen = server(exchange -> {
            try {
                thaw.await(); // like a peer stopped with SIGSTOP: the connection is taken, nothing answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        HttpServer dead = server(exchange -> exchange.close());
        String deadPeer = "127.0.0.1:" + dead.getAddress().getPort();
        dead.stop(0);
        try {
            PeerShares shares = new PeerShares(HttpClient.newHttpClient(), Duration.ofMillis(1_500));
            String answeringPeer = "127.0.0.1:" + answering.getAddress().getPort();
            String frozenPeer = "127.0.0.1:" + frozen.getAddress().getPort();
            PeerShares.Gathered gathered = shares.ask(List.of(answeringPeer, frozenPeer, deadPeer),
                    "/entities/trending?scope=local&hours=1&limit=20");

            assertThat(gathered.shares()).singleElement().satisfies(share -> assertThat(share).containsExactly(
                    new TrendingEntities.Count("PERSON", "Sergei Lavrov", 7, Map.of("2026-12-08T10:00:00Z", 7L))));
            assertThat(gathered.missing()).containsOnlyKeys(frozenPeer, deadPeer);
            assertThat(gathered.missing().get(frozenPeer)).isEqualTo("no answer within 1500 ms");
            assertThat(gathered.missing().get(deadPeer)).startsWith("unreachable: ");
            assertThat(gathered.exact()).isTrue();
        } finally {
            thaw.countDown();
            answering.stop(0);
            frozen.stop(0);
        }
    }

    private static HttpServer server(com.sun.net.httpserver.HttpHandler handler) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return server;
    }
}
