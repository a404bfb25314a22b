package dev.newsflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.entities.TrendingEntities;
import dev.newsflow.entities.TrendingLeaderboards;
import dev.newsflow.metrics.OpsEndpoint;
import dev.newsflow.metrics.OpsReply;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * others' local answers ({@code scope=local}) and merges them. A peer that does not answer in time
 * leaves the answer partial, not failed: it lists the missing instances and says it is not exact.
 */
final class TrendingEndpoint implements OpsEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaStreams streams;
    private final TrendingLeaderboards leaderboards;
    private final Optional<String> self;
    /** Well inside a client's patience: a frozen peer costs the query this, then the answer says it is missing. */
    private final PeerShares peerShares = new PeerShares(HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build(), Duration.ofSeconds(3));

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
        TrendingEntities.Ranking local;
        try {
            ReadOnlyWindowStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                    TrendingEntities.STORE, QueryableStoreTypes.windowStore()));
            local = TrendingEntities.top(store, leaderboards, from, to, limit);
        } catch (InvalidStateStoreException notQueryableYet) {
            return OpsReply.text(503, "the store is not queryable now (" + streams.state() + ")");
        }
        List<List<TrendingEntities.Count>> parts = new ArrayList<>();
        parts.add(local.counts());
        Map<String, String> missing = Map.of();
        boolean exact = local.exact();
        long certainAbove = local.certainAbove();
        if (!"local".equals(params.get("scope")) && self.isPresent()) {
            List<String> peers = new ArrayList<>();
            for (StreamsMetadata other : streams.streamsMetadataForStore(TrendingEntities.STORE)) {
                String peer = other.hostInfo().host() + ":" + other.hostInfo().port();
                if (!peer.equals(self.get())) {
                    peers.add(peer);
                }
            }
            PeerShares.Gathered gathered = peerShares.ask(peers,
                    "/entities/trending?scope=local&hours=" + hours + "&limit=" + limit);
            parts.addAll(gathered.shares());
            missing = gathered.missing();
            exact &= gathered.exact();
            certainAbove = Math.max(certainAbove, gathered.certainAbove());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", from.toString());
        answer.put("to", to.toString());
        // exact: every instance answered, and each proved its ranking (see TrendingLeaderboards)
        answer.put("exact", exact && missing.isEmpty());
        // each share is complete above its own bound: the merge above the largest of them
        answer.put("certainAbove", certainAbove);
        answer.put("missing", missing.entrySet().stream()
                .map(m -> Map.of("instance", m.getKey(), "reason", m.getValue())).toList());
        answer.put("entities", TrendingEntities.merge(parts, limit));
        return OpsReply.json(JSON.writeValueAsString(answer));
    }
}
