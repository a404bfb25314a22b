package dev.newsflow.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API, enough for Avro serdes: register, look up,
 * fetch by id, and set compatibility. Works against any registry that speaks that API.
 * Answers are cached; transport failures, 5xx and 429 are retried with exponential back-off,
 * trying the configured URLs in turn, all within one time limit per call.
 */
public class SchemaRegistryClient implements SchemaRegistry {
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RegistrySettings settings;
    private final HttpClient http;
    private final BoundedCache<Integer, Schema> schemasById;
    private final BoundedCache<SubjectSchema, Integer> idsBySubjectSchema;
    private final BoundedCache<SubjectSchema, Integer> lookedUpIds;
    private final BoundedCache<SchemaObject, String> schemaTexts;

    private record SubjectSchema(String subject, String canonicalSchema) {
    }

    /** A schema by identity: the serdes pass the same schema object with every record. */
    private record SchemaObject(Schema schema) {
        @Override
        public boolean equals(Object other) {
            return other instanceof SchemaObject o && o.schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    public SchemaRegistryClient(RegistrySettings settings) {
        this.settings = settings;
        // HTTP/1.1 as Confluent's own client speaks it: no h2c upgrade for a registry proxy to misread
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout());
        settings.ssl().ifPresent(http::sslContext);
        this.http = http.build();
        this.schemasById = new BoundedCache<>(settings.cacheCapacity());
        this.idsBySubjectSchema = new BoundedCache<>(settings.cacheCapacity());
        this.lookedUpIds = new BoundedCache<>(settings.cacheCapacity());
        this.schemaTexts = new BoundedCache<>(settings.cacheCapacity());
    }

    /**
     * The schema as JSON, written once per schema object: written for every record, it was a tenth of
     * a stream thread's time (each id look-up is keyed by it).
     */
    private String textOf(Schema schema) {
        return schemaTexts.get(new SchemaObject(schema), key -> key.schema().toString());
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectSchema.get(new SubjectSchema(subject, textOf(schema)), key -> {
            JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions",
                    Map.of("schema", key.canonicalSchema()));
            return answer.path("id").asInt();
        });
    }

    @Override
    public int lookUpId(String subject, Schema schema) {
        return lookedUpIds.get(new SubjectSchema(subject, textOf(schema)), key -> {
            JsonNode answer = send("POST", "/subjects/" + encode(subject), Map.of("schema", key.canonicalSchema()));
            return answer.path("id").asInt();
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.get(id, key -> {
            JsonNode answer = send("GET", "/schemas/ids/" + key, null);
            String type = answer.path("schemaType").asText("AVRO");
            if (!"AVRO".equals(type)) {
                throw new SchemaRegistryException(422, 42201, "schema " + key + " is " + type + ", not AVRO");
            }
            return new Schema.Parser().parse(answer.path("schema").asText());
        });
    }

    public List<String> subjects() {
        JsonNode answer = send("GET", "/subjects", null);
        return JSON.convertValue(answer, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /** Sets the compatibility level, globally when subject is empty. */
    public void setCompatibility(Optional<String> subject, String level) {
        String path = subject.map(s -> "/config/" + encode(s)).orElse("/config");
        send("PUT", path, Map.of("compatibility", level));
    }

    public String compatibility(Optional<String> subject) {
        String path = subject.map(s -> "/config/" + encode(s)).orElse("/config");
        JsonNode answer = send("GET", path, null);
        return answer.has("compatibilityLevel") ? answer.path("compatibilityLevel").asText()
                : answer.path("compatibility").asText();
    }

    /** Whether the registry would accept the schema as the subject's next version; empty when the subject is new. */
    public Optional<Compatibility> testCompatibility(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    Map.of("schema", schema.toString()));
            List<String> messages = new java.util.ArrayList<>();
            answer.path("messages").forEach(m -> messages.add(m.asText()));
            return Optional.of(new Compatibility(answer.path("is_compatible").asBoolean(false), messages));
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** A registry's verdict on a schema against a subject's latest version, with its reasons when it is no. */
    public record Compatibility(boolean compatible, List<String> messages) {
    }

    /**
     * One call, retried across the URLs with back-off, but never past the settings' timeout in all:
     * callers on a stream thread sit inside a transaction that aborts after 10 s, and a registry that
     * accepts connections and never answers must cost them a bounded wait, not minutes.
     */
    private JsonNode send(String method, String path, Object body) {
        SchemaRegistryException last = null;
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        long backoffMillis = settings.initialBackoff().toMillis();
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            String baseUrl = settings.baseUrls().get((attempt - 1) % settings.baseUrls().size());
            try {
                return sendOnce(method, baseUrl + path, body, deadline);
            } catch (SchemaRegistryException e) {
                if (!e.isRetriable()) {
                    throw e;
                }
                last = e;
            }
            if (attempt == settings.maxAttempts()
                    || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis) >= deadline) {
                break;
            }
            sleep(backoffMillis);
            backoffMillis = Math.min(backoffMillis * 2, 10_000);
        }
        throw last;
    }

    private JsonNode sendOnce(String method, String url, Object body, long deadline) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new SchemaRegistryException("schema registry at " + url + " gave no answer within "
                    + settings.timeout().toMillis() + " ms", null);
        }
        CompletableFuture<HttpResponse<byte[]>> pending = null;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofNanos(remaining))
                    .header("Accept", CONTENT_TYPE + ", application/json");
            settings.basicAuth().ifPresent(userInfo -> request.header("Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8))));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", CONTENT_TYPE)
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            // the request timeout ends at the headers: a body that trickles in is bounded here
            pending = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> response = pending.get(remaining, TimeUnit.NANOSECONDS);
            JsonNode json = response.body().length == 0 ? JSON.nullNode() : parseOrText(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new SchemaRegistryException(response.statusCode(),
                        json.path("error_code").asInt(response.statusCode()),
                        json.path("message").asText(json.toString()) + " [" + method + " " + url + "]");
            }
            return json;
        } catch (IOException e) {
            throw new SchemaRegistryException("schema registry unreachable at " + url + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SchemaRegistryException("schema registry unreachable at " + url + ": " + cause, cause);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new SchemaRegistryException("schema registry at " + url + " gave no answer within "
                    + settings.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            if (pending != null) {
                pending.cancel(true);
            }
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while calling the schema registry at " + url, e);
        }
    }

    private static JsonNode parseOrText(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().objectNode().put("message", new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("interrupted while backing off", e);
        }
    }
}
