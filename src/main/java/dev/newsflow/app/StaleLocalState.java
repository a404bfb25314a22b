package dev.newsflow.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicListing;

/**
 * Finds local state that its changelogs no longer back. {@code newsflow reset} deletes the internal
 * topics but cannot reach the instances' volumes; Kafka Streams then meets stores whose changelogs
 * were recreated empty, only warns ("endOffsetSum smaller than offsetSum") and, having nothing to
 * restore, keeps them: the dedup index would call every re-read article a duplicate of itself. So
 * each instance notes the ids of its application's changelog topics once it runs (a topic made anew
 * gets a new id), and at its next start wipes local state whose changelogs are gone or not the same.
 */
final class StaleLocalState {
    private static final String FILE = "newsflow-changelog-topics.properties";
    private static final String CHANGELOG = "-changelog";

    private StaleLocalState() {
    }

    /** Why this instance's local state is stale, if the changelogs it noted last time are gone or made anew. */
    static Optional<String> find(Admin admin, Path stateDir, String applicationId)
            throws InterruptedException, ExecutionException {
        Path file = stateDir.resolve(applicationId).resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty(); // a first start, or state from before the ids were noted
        }
        Properties noted = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            noted.load(in);
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
        Map<String, String> now = changelogIds(admin, applicationId);
        for (String topic : noted.stringPropertyNames()) {
            String id = now.get(topic);
            if (id == null) {
                return Optional.of("its changelog " + topic + " no longer exists");
            }
            if (!id.equals(noted.getProperty(topic))) {
                return Optional.of("its changelog " + topic + " was deleted and made anew");
            }
        }
        return Optional.empty();
    }

    /** Notes the ids of the application's changelog topics as they are now. */
    static void note(Admin admin, Path stateDir, String applicationId)
            throws InterruptedException, ExecutionException, IOException {
        Properties ids = new Properties();
        ids.putAll(changelogIds(admin, applicationId));
        Path dir = Files.createDirectories(stateDir.resolve(applicationId));
        Path temp = dir.resolve(FILE + ".tmp");
        try (var out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            ids.store(out, "changelog topic ids this instance's local state was built from");
        }
        Files.move(temp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, String> changelogIds(Admin admin, String applicationId)
            throws InterruptedException, ExecutionException {
        return admin.listTopics().listings().get().stream()
                .filter(t -> t.name().startsWith(applicationId + "-") && t.name().endsWith(CHANGELOG))
                .collect(Collectors.toMap(TopicListing::name, t -> t.topicId().toString(), (a, b) -> a, TreeMap::new));
    }
}
