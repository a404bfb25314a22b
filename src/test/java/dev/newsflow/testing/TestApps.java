package dev.newsflow.testing;

import dev.newsflow.app.NewsflowConfig;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Configuration for an application under test on the shared infrastructure: its own application
 * id and its own topics (so tests sharing a broker never read each other's records), fast commits,
 * and the HTTP endpoints on a free port.
 */
public final class TestApps {
    private static final String[] TOPICS = {"pages.raw", "articles.enriched", "articles.duplicates", "pages.dlq", "entities.kb"};

    private TestApps() {
    }

    public static NewsflowConfig config(RealInfrastructure infra, String name, Path stateDir, Map<String, String> extra) {
        return NewsflowConfig.withOverrides(settings(infra.bootstrapServers(), infra.registryUrl(), name, stateDir, extra));
    }

    public static Map<String, String> settings(String bootstrapServers, String registryUrl, String name, Path stateDir,
                                               Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>();
        settings.put("kafka.bootstrap.servers", bootstrapServers);
        settings.put("kafka.application.id", "newsflow-" + name);
        settings.put("kafka.state.dir", stateDir.toString());
        settings.put("kafka.commit.interval.ms", "100");
        settings.put("newsflow.registry.url", registryUrl);
        settings.put("newsflow.http.port", "0");
        for (String topic : TOPICS) {
            settings.put("newsflow.topic." + topic, name + "." + topic);
        }
        settings.putAll(extra);
        return settings;
    }

    /** The settings as the configuration file an application started from a command line reads. */
    public static Path writeConfigFile(Map<String, String> settings, Path file) throws IOException {
        Properties props = new Properties();
        props.putAll(settings);
        try (Writer out = Files.newBufferedWriter(file)) {
            props.store(out, "newsflow under test");
        }
        return file;
    }
}
