package dev.newsflow.app;

import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Plain producer/consumer settings derived from the application's Kafka settings: connection and
 * security settings carry over, Streams-only ones do not (clients warn about unknown keys).
 */
public final class ClientProperties {
    private ClientProperties() {
    }

    public static Properties producer(Properties kafka) {
        Properties p = connection(kafka, ProducerConfig.configNames());
        p.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, TopicProvisioner.LARGE_RECORDS);
        return p;
    }

    public static Properties consumer(Properties kafka) {
        Properties p = connection(kafka, ConsumerConfig.configNames());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return p;
    }

    public static Properties admin(Properties kafka) {
        // every admin setting, so that each security one (PEM truststores, OAuth callbacks, ...) reaches the brokers
        return connection(kafka, AdminClientConfig.configNames());
    }

    private static Properties connection(Properties kafka, Set<String> allowed) {
        Properties p = new Properties();
        kafka.stringPropertyNames().stream()
                .filter(allowed::contains)
                .forEach(k -> p.setProperty(k, kafka.getProperty(k)));
        return p;
    }
}
