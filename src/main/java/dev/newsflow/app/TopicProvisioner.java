package dev.newsflow.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the application's topics when they are missing, with the settings each one needs. */
public final class TopicProvisioner {
    /**
     * Raw pages, their dead letters, and articles (a page of up to 5 MiB can hold that much text, carried
     * as text and as paragraphs) may all be larger than the 1 MB default: allow 32 MiB on every topic.
     */
    public static final String LARGE_RECORDS = String.valueOf(32 * 1024 * 1024);

    private TopicProvisioner() {
    }

    public static void ensure(Admin admin, Topics topics, int partitions, short replication)
            throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        Optional<Short> rf = replication < 0 ? Optional.empty() : Optional.of(replication);
        List<NewTopic> missing = new ArrayList<>();
        for (NewTopic topic : List.of(
                new NewTopic(topics.pagesRaw().name(), Optional.of(partitions), rf)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, LARGE_RECORDS)),
                new NewTopic(topics.articlesEnriched().name(), Optional.of(partitions), rf)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, LARGE_RECORDS)),
                new NewTopic(topics.articlesDuplicates().name(), Optional.of(partitions), rf)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, LARGE_RECORDS)),
                new NewTopic(topics.pagesDlq().name(), Optional.of(partitions), rf)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, LARGE_RECORDS)),
                new NewTopic(topics.entitiesKb().name(), Optional.of(1), rf)
                        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))) {
            if (!existing.contains(topic.name())) {
                missing.add(topic);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
