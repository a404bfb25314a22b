package dev.newsflow.cli;

import dev.newsflow.app.ClientProperties;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * {@code reset}: makes the application process the raw topic again from its beginning, as Kafka's
 * streams-application-reset tool does for this application: the group's offsets on the raw topic go
 * back to the earliest, and its internal topics (repartition and changelog: the dedup index, the
 * trending counts) are deleted, to be created empty at the next start. Instances must all be stopped;
 * the output topics are left alone, so downstream sees every article again.
 */
final class ResetCommand {
    /** Longer than Kafka Streams' default session timeout (45 s), after which a stopped member is gone. */
    static final Duration MEMBERS_LEAVE_WITHIN = Duration.ofSeconds(60);

    private ResetCommand() {
    }

    /**
     * Static members (StatefulSet pods) stay in the group for a session timeout after they stop: wait that
     * long, then refuse, for a running instance would keep the old offsets.
     */
    private static void awaitNoMembers(Admin admin, String group, Duration wait, PrintStream out)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean told = false;
        while (true) {
            int members;
            try {
                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
                members = description.members().size();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
                members = 0;
            }
            if (members == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalArgumentException(members + " instance(s) of " + group
                        + " are still running: stop every instance, then reset");
            }
            if (!told) {
                out.printf("waiting up to %d s for %d member(s) of %s to leave%n", wait.toSeconds(),
                        members, group);
                told = true;
            }
            Thread.sleep(1_000);
        }
    }

    /** Returns a one-line account of what was reset. */
    static String reset(Properties kafka, String rawTopic, Duration wait, PrintStream out)
            throws ExecutionException, InterruptedException {
        String group = kafka.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
        try (Admin admin = Admin.create(ClientProperties.admin(kafka))) {
            awaitNoMembers(admin, group, wait, out);
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            admin.describeTopics(List.of(rawTopic)).allTopicNames().get().get(rawTopic).partitions()
                    .forEach(p -> earliest.put(new TopicPartition(rawTopic, p.partition()), OffsetSpec.earliest()));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e
                    : admin.listOffsets(earliest).all().get().entrySet()) {
                offsets.put(e.getKey(), new OffsetAndMetadata(e.getValue().offset()));
            }
            admin.alterConsumerGroupOffsets(group, offsets).all().get();

            Set<String> all = admin.listTopics().names().get();
            List<String> internal = new ArrayList<>();
            for (String topic : all) {
                if (topic.startsWith(group + "-") && (topic.endsWith("-changelog") || topic.endsWith("-repartition"))) {
                    internal.add(topic);
                }
            }
            if (!internal.isEmpty()) {
                admin.deleteTopics(internal).all().get();
            }
            String account = String.format("reset %s: %d partitions of %s back to their beginning, %d internal topics"
                    + " deleted; each instance rebuilds its state at its next start", group, offsets.size(), rawTopic,
                    internal.size());
            out.println(account);
            return account;
        }
    }
}
