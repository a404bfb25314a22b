package dev.newsflow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.StartupFailure;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.registry.SchemaRegistryException;
import dev.newsflow.testing.RealInfrastructure;
import dev.newsflow.testing.SchemaEdits;
import dev.newsflow.testing.TestApps;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downstream contract on a real registry (Apicurio, whose default compatibility is NONE): the
 * application puts its output subjects at BACKWARD at start, after which an added optional field is
 * accepted and a changed type refused; an application whose schema the registry would refuse, or a
 * subject left weaker than BACKWARD when the application may not set it, stops the start with one line.
 */
class SchemaEvolutionIT {
    @TempDir
    Path stateDir;

    @Test
    void theOutputSubjectsAcceptAnAddedOptionalFieldAndRefuseAChangedType() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistrySettings.of(infra.registryUrl()));
        noCompatibilityRule(registry, Optional.empty()); // as Apicurio ships
        NewsflowConfig config = TestApps.config(infra, "evolution", stateDir, Map.of());
        String subject = config.get("newsflow.topic.articles.enriched") + "-value";
        try (NewsflowApp app = NewsflowApp.start(config)) {
            assertThat(registry.compatibility(Optional.of(subject))).isEqualTo("BACKWARD");
        }

        Schema withRegion = SchemaEdits.withOptionalString(EnrichedArticle.getClassSchema(), "region");
        assertThat(registry.testCompatibility(subject, withRegion)).hasValueSatisfying(v ->
                assertThat(v.compatible()).isTrue());
        int v2 = registry.register(subject, withRegion);
        assertThat(v2).isPositive();

        Schema storyIdAsLong = SchemaEdits.withType(EnrichedArticle.getClassSchema(), "storyId", "long");
        assertThat(registry.testCompatibility(subject, storyIdAsLong)).hasValueSatisfying(v ->
                assertThat(v.compatible()).isFalse());
        assertThatThrownBy(() -> registry.register(subject, storyIdAsLong))
                .isInstanceOf(SchemaRegistryException.class)
                .satisfies(e -> assertThat(((SchemaRegistryException) e).httpStatus()).isEqualTo(409));
    }

    @Test
    void anIncompatibleSchemaOrAWeakSubjectStopsTheStart() throws Exception {
        RealInfrastructure infra = RealInfrastructure.shared();
        SchemaRegistryClient registry = new SchemaRegistryClient(RegistrySettings.of(infra.registryUrl()));
        noCompatibilityRule(registry, Optional.empty());

        // another producer got a breaking version in while nothing guarded the subject
        NewsflowConfig config = TestApps.config(infra, "incompatible", stateDir, Map.of());
        String subject = config.get("newsflow.topic.articles.enriched") + "-value";
        registry.register(subject, SchemaEdits.withType(EnrichedArticle.getClassSchema(), "storyId", "long"));
        assertThatThrownBy(() -> NewsflowApp.start(config).close())
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("the EnrichedArticle schema is not BACKWARD-compatible with the latest version of"
                        + " subject " + subject);

        // a registry run by others, where the application may only check
        NewsflowConfig checkOnly = TestApps.config(infra, "check-only", stateDir,
                Map.of("newsflow.registry.compatibility.set", "false"));
        String weak = checkOnly.get("newsflow.topic.articles.enriched") + "-value"; // the first subject checked
        registry.register(weak, EnrichedArticle.getClassSchema());
        noCompatibilityRule(registry, Optional.of(weak));
        assertThatThrownBy(() -> NewsflowApp.start(checkOnly).close())
                .isInstanceOf(StartupFailure.class)
                .hasMessageContaining("subject " + weak + " has compatibility NONE, weaker than the BACKWARD");
    }

    /** NONE; Apicurio answers 404 when there was no rule to remove, which is the same end. */
    private static void noCompatibilityRule(SchemaRegistryClient registry, Optional<String> subject) {
        try {
            registry.setCompatibility(subject, "NONE");
        } catch (SchemaRegistryException e) {
            if (!e.isNotFound()) {
                throw e;
            }
        }
    }
}
