package dev.newsflow.app;

import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistry;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.registry.TrustStores;
import dev.newsflow.serde.RegistryAvroSerde;
import dev.newsflow.serde.SubjectNameStrategy;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/** Makes registry-backed Avro serdes that share one registry client (and so its caches). */
public final class AvroSerdes {
    private final SchemaRegistry registry;
    private final SubjectNameStrategy strategy;
    private final boolean autoRegister;

    public AvroSerdes(SchemaRegistry registry, SubjectNameStrategy strategy, boolean autoRegister) {
        this.registry = registry;
        this.strategy = strategy;
        this.autoRegister = autoRegister;
    }

    public static AvroSerdes from(NewsflowConfig config) {
        return from(config, registrySettings(config));
    }

    /** With the registry settings already read (their trust store is a file). */
    public static AvroSerdes from(NewsflowConfig config, RegistrySettings registry) {
        return new AvroSerdes(new SchemaRegistryClient(registry),
                SubjectNameStrategy.parse(config.get("newsflow.registry.subject.name.strategy")),
                config.getBoolean("newsflow.registry.auto.register"));
    }

    public static RegistrySettings registrySettings(NewsflowConfig config) {
        RegistrySettings settings = RegistrySettings.of(config.get("newsflow.registry.url"),
                        config.getDuration("newsflow.registry.timeout"))
                .withBasicAuth(config.optional("newsflow.registry.basic.auth.user.info").orElse(null));
        Optional<String> trustStore = config.optional("newsflow.registry.ssl.truststore.location");
        return trustStore.map(file -> settings.withSsl(TrustStores.sslContext(Path.of(file),
                config.get("newsflow.registry.ssl.truststore.type"),
                config.optional("newsflow.registry.ssl.truststore.password").orElse(null)))).orElse(settings);
    }

    public <T extends SpecificRecord> RegistryAvroSerde<T> forValues(Class<T> type) {
        return new RegistryAvroSerde<>(registry, type, strategy, autoRegister, false);
    }

    public SchemaRegistry registry() {
        return registry;
    }
}
