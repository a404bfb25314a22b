package dev.newsflow.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.entities.TrendingEntities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The other instances' shares of a trending query, asked all at once and waited for until one
 * deadline: a frozen or dead peer costs the query that deadline, not an error, and the answer says
 * which instances are missing from it and why.
 */
final class PeerShares {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<TrendingEntities.Count>> COUNTS = new TypeReference<>() {
    };

    private final HttpClient http;
    private final Duration deadline;

    PeerShares(HttpClient http, Duration deadline) {
        this.http = http;
        this.deadline = deadline;
    }

    /** What the peers answered, and for each one that did not, the reason. */
    record Gathered(List<List<TrendingEntities.Count>> shares, Map<String, String> missing, boolean exact,
                    long certainAbove) {
    }

    /** Each peer's share; {@code query} is the path and query string that asks a peer for its local share. */
    Gathered ask(List<String> peers, String query) {
        Map<String, CompletableFuture<HttpResponse<String>>> pending = new LinkedHashMap<>();
        for (String peer : peers) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + peer + query)).timeout(deadline).build();
            pending.put(peer, http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
        }
        long until = System.nanoTime() + deadline.toNanos();
        List<List<TrendingEntities.Count>> shares = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        boolean exact = true;
        long certainAbove = 0;
        for (Map.Entry<String, CompletableFuture<HttpResponse<String>>> p : pending.entrySet()) {
            try {
                HttpResponse<String> r = p.getValue().get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (r.statusCode() != 200) {
                    missing.put(p.getKey(), "answered " + r.statusCode());
                    continue;
                }
                JsonNode share = JSON.readTree(r.body());
                shares.add(JSON.convertValue(share.path("entities"), COUNTS));
                exact &= share.path("exact").asBoolean(true);
                certainAbove = Math.max(certainAbove, share.path("certainAbove").asLong(0));
            } catch (TimeoutException e) {
                p.getValue().cancel(true);
                missing.put(p.getKey(), "no answer within " + deadline.toMillis() + " ms");
            } catch (ExecutionException e) {
                missing.put(p.getKey(), "unreachable: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                missing.put(p.getKey(), "interrupted");
            } catch (IOException | IllegalArgumentException e) {
                missing.put(p.getKey(), "answered what is not a trending share");
            }
        }
        return new Gathered(shares, missing, exact, certainAbove);
    }
}
