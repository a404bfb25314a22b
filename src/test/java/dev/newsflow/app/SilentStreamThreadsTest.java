package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/** Liveness from the stream threads' consumers: silent past max.poll.interval.ms means stuck. */
class SilentStreamThreadsTest {
    private static MetricName lastPoll(String clientId) {
        return new MetricName("last-poll-seconds-ago", "consumer-metrics", "", Map.of("client-id", clientId));
    }

    private static Metric value(double v) {
        return new Metric() {
            @Override
            public MetricName metricName() {
                return null;
            }

            @Override
            public Object metricValue() {
                return v;
            }
        };
    }

    @Test
    void aStreamThreadSilentLongerThanThePollIntervalIsNamed() {
        Map<MetricName, Metric> metrics = new HashMap<>();
        metrics.put(lastPoll("newsflow-1b2c-StreamThread-1-consumer"), value(2));
        metrics.put(lastPoll("newsflow-1b2c-StreamThread-2-consumer"), value(301));
        // the restore consumer and the global thread poll on their own schedules
        metrics.put(lastPoll("newsflow-1b2c-StreamThread-1-restore-consumer"), value(900));
        metrics.put(lastPoll("newsflow-1b2c-global-consumer"), value(900));
        assertThat(SilentStreamThreads.find(metrics, Duration.ofSeconds(300)))
                .contains("StreamThread-2 has not polled for 301 s (max.poll.interval.ms is 300 s)");
        metrics.put(lastPoll("newsflow-1b2c-StreamThread-2-consumer"), value(3));
        assertThat(SilentStreamThreads.find(metrics, Duration.ofSeconds(300))).isEmpty();
    }
}
