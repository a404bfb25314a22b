package dev.newsflow.app;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.entities.TrendingEntities;
import dev.newsflow.entities.TrendingLeaderboards;
import dev.newsflow.metrics.OpsEndpoint;
import dev.newsflow.metrics.OpsReply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * {@code GET /entities/trending?hours=1&limit=20}: the most mentioned entities over the last hours,
 * from the trending-entities window store. Each instance holds the counts of the entities whose
 * partitions it owns; when {@code application.server} is set, the instance asked gathers the
 * others' local answers ({@code scope=local}) and merges them.
 */
final class TrendingEndpoint implements OpsEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<TrendingEntities.Count>> COUNTS = new TypeReference<>() {
    };

    private final KafkaStreams streams;
    private final TrendingLeaderboards leaderboards;
    private final Optional<String> self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TrendingEndpoint(KafkaStreams streams, TrendingLeaderboards leaderboards, Optional<String> applicationServer) {
        this.streams = streams;
        this.leaderboards = leaderboards;
        this.self = applicationServer;
    }

    @Override
    public OpsReply answer(Map<String, String> params) throws IOException {
        int hours;
        int limit;
        try {
            hours = Math.max(1, Math.min(48, Integer.parseInt(params.getOrDefault("hours", "1"))));
            limit = Math.max(1, Math.min(1000, Integer.parseInt(params.getOrDefault("limit", "20"))));
        } catch (NumberFormatException notANumber) {
            return OpsReply.text(400, "hours and limit are whole numbers");
        }
        Instant to = Instant.now();
        Instant from = to.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(hours - 1L));
        List<TrendingEntities.Count> local;
        try {
            ReadOnlyWindowStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                    TrendingEntities.STORE, QueryableStoreTypes.windowStore()));
            local = TrendingEntities.top(store, leaderboards, from, to, limit);
        } catch (InvalidStateStoreException notQueryableYet) {
            return OpsReply.text(503, "the store is not queryable now (" + streams.state() + ")");
        }
        List<List<TrendingEntities.Count>> parts = new ArrayList<>();
        parts.add(local);
        if (!"local".equals(params.get("scope")) && self.isPresent()) {
            for (StreamsMetadata other : streams.streamsMetadataForStore(TrendingEntities.STORE)) {
                String peer = other.hostInfo().host() + ":" + other.hostInfo().port();
                if (!peer.equals(self.get())) {
                    parts.add(askPeer(peer, hours, limit));
                }
            }
        }
        return OpsReply.json(JSON.writeValueAsString(Map.of("from", from.toString(), "to", to.toString(),
                "entities", TrendingEntities.merge(parts, limit))));
    }

    private List<TrendingEntities.Count> askPeer(String peer, int hours, int limit) throws IOException {
        URI uri = URI.create("http://" + peer + "/entities/trending?scope=local&hours=" + hours + "&limit=" + limit);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(peer + " answered " + r.statusCode());
            }
            return JSON.convertValue(JSON.readTree(r.body()).path("entities"), COUNTS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted asking " + peer, e);
        }
    }
}
