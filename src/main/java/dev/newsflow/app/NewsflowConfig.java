package dev.newsflow.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings in three layers, later wins: classpath defaults, environment variables
 * ({@code KAFKA_FOO_BAR} → {@code kafka.foo.bar}, {@code NEWSFLOW_FOO_BAR} → {@code newsflow.foo.bar}),
 * then an optional properties file. Keys under {@code kafka.} go to the Kafka clients unprefixed.
 */
public final class NewsflowConfig {
    public static final String DEFAULTS_RESOURCE = "/newsflow-defaults.properties";
    private static final String KAFKA_PREFIX = "kafka.";

    private final Properties values;

    private NewsflowConfig(Properties values) {
        this.values = values;
    }

    public static NewsflowConfig load(Map<String, String> env, Optional<Path> file) {
        Properties values = new Properties();
        try (InputStream in = NewsflowConfig.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
            values.load(in);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("cannot read " + DEFAULTS_RESOURCE, e);
        }
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") || name.startsWith("NEWSFLOW_")) {
                values.setProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        Optional<Path> configFile = file.or(() -> Optional.ofNullable(env.get("NEWSFLOW_CONFIG_FILE")).map(Path::of));
        configFile.ifPresent(path -> {
            try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                values.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read config file " + path, e);
            }
        });
        return new NewsflowConfig(values);
    }

    /** Defaults plus explicit overrides: for tests and the embedded demo. */
    public static NewsflowConfig withOverrides(Map<String, String> overrides) {
        NewsflowConfig config = load(Map.of(), Optional.empty());
        overrides.forEach(config.values::setProperty);
        return config;
    }

    public String get(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("missing setting " + key);
        }
        return value.trim();
    }

    public Optional<String> optional(String key) {
        return Optional.ofNullable(values.getProperty(key)).map(String::trim).filter(s -> !s.isEmpty());
    }

    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    public double getDouble(String key) {
        return Double.parseDouble(get(key));
    }

    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    public Duration getDuration(String key) {
        return Duration.parse(get(key));
    }

    /** Everything under {@code kafka.}, without the prefix: Streams, consumer, producer and admin settings. */
    public Properties kafkaProperties() {
        Properties kafka = new Properties();
        values.stringPropertyNames().stream()
                .filter(k -> k.startsWith(KAFKA_PREFIX))
                .forEach(k -> kafka.setProperty(k.substring(KAFKA_PREFIX.length()), values.getProperty(k).trim()));
        return kafka;
    }
}
