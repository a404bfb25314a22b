package dev.newsflow.app;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * A stream thread whose consumer has not polled for longer than {@code max.poll.interval.ms} is held
 * somewhere no record watch sees (a store flush at commit that stalls, a lock): the group has already
 * given its partitions away, and only a restart brings the thread back. Read from the consumers'
 * {@code last-poll-seconds-ago} metric.
 */
final class SilentStreamThreads {
    private SilentStreamThreads() {
    }

    static Optional<String> find(Map<MetricName, ? extends Metric> metrics, Duration limit) {
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.entrySet()) {
            MetricName name = e.getKey();
            String client = name.tags().getOrDefault("client-id", "");
            if (name.name().equals("last-poll-seconds-ago") && name.group().equals("consumer-metrics")
                    && client.matches(".*-StreamThread-\\d+-consumer")) {
                Object value = e.getValue().metricValue();
                if (value instanceof Number seconds && seconds.doubleValue() > limit.toSeconds()) {
                    return Optional.of(client.replaceAll(".*-(StreamThread-\\d+)-consumer", "$1") + " has not polled for "
                            + seconds.longValue() + " s (max.poll.interval.ms is " + limit.toSeconds() + " s)");
                }
            }
        }
        return Optional.empty();
    }
}
