package dev.newsflow.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * What downstream readers of the output topics rely on: every subject the application writes keeps
 * a compatibility level at least as strict as the one configured (BACKWARD by default, so a reader
 * on the newest schema reads every older record), and a schema the registry would call incompatible
 * with a subject's latest version stops the application at start, before a single record is written.
 * The level is set on the subjects, or, where the registry is managed by others, only checked.
 */
public final class SchemaContract {
    /** The levels that imply each level: a subject at any of them satisfies the key. */
    private static final Map<String, Set<String>> SATISFIED_BY = Map.of(
            "NONE", Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD", "FORWARD_TRANSITIVE", "FULL",
                    "FULL_TRANSITIVE"),
            "BACKWARD", Set.of("BACKWARD", "BACKWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"),
            "BACKWARD_TRANSITIVE", Set.of("BACKWARD_TRANSITIVE", "FULL_TRANSITIVE"),
            "FORWARD", Set.of("FORWARD", "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE"),
            "FORWARD_TRANSITIVE", Set.of("FORWARD_TRANSITIVE", "FULL_TRANSITIVE"),
            "FULL", Set.of("FULL", "FULL_TRANSITIVE"),
            "FULL_TRANSITIVE", Set.of("FULL_TRANSITIVE"));

    /** A subject the application writes and the schema it writes there. */
    public record Subject(String name, Schema schema) {
    }

    /** The contract cannot hold; the message says which subject and why, in one line. */
    public static final class Broken extends Exception {
        Broken(String message) {
            super(message);
        }
    }

    private final SchemaRegistryClient registry;
    private final String level;
    private final boolean setLevel;
    private final boolean register;

    /**
     * @param setLevel  set the level on each subject (else only check that it is at least as strict)
     * @param register  register the schemas now (auto-registration), so the contract is fixed at start
     */
    public SchemaContract(SchemaRegistryClient registry, String level, boolean setLevel, boolean register) {
        this.level = level.toUpperCase(java.util.Locale.ROOT);
        if (!SATISFIED_BY.containsKey(this.level)) {
            throw new IllegalArgumentException("unknown compatibility level " + level + "; one of " + SATISFIED_BY.keySet());
        }
        this.registry = registry;
        this.setLevel = setLevel;
        this.register = register;
    }

    public void enforce(List<Subject> subjects) throws Broken {
        for (Subject s : subjects) {
            boolean exists = registry.subjects().contains(s.name());
            if (exists && setLevel) {
                registry.setCompatibility(Optional.of(s.name()), level);
            } else if (!setLevel) {
                String actual = levelOf(s.name());
                if (!SATISFIED_BY.get(level).contains(actual)) {
                    throw new Broken("subject " + s.name() + " has compatibility " + actual + ", weaker than the "
                            + level + " its readers rely on; set it, or let the application set it"
                            + " (newsflow.registry.compatibility.set=true)");
                }
            }
            Optional<SchemaRegistryClient.Compatibility> verdict = exists ? registry.testCompatibility(s.name(), s.schema())
                    : Optional.empty();
            if (verdict.isPresent() && !verdict.get().compatible()) {
                throw new Broken("the " + s.schema().getName() + " schema is not " + level + "-compatible with the"
                        + " latest version of subject " + s.name() + ", so its readers could not read on: "
                        + String.join("; ", verdict.get().messages()));
            }
            if (register) {
                registry.register(s.name(), s.schema());
                if (!exists && setLevel) {
                    registry.setCompatibility(Optional.of(s.name()), level);
                }
            }
        }
    }

    private String levelOf(String subject) {
        try {
            return registry.compatibility(Optional.of(subject)).toUpperCase(java.util.Locale.ROOT);
        } catch (SchemaRegistryException e) {
            if (e.isNotFound()) {
                return registry.compatibility(Optional.empty()).toUpperCase(java.util.Locale.ROOT);
            }
            throw e;
        }
    }
}
