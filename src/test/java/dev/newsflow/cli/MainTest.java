package dev.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a person typing at the command line gets back: help on asking, the usage on a mistake, never silence. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int newsflow(String... args) throws Exception {
        return Main.execute(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommandsAndExitsZero() throws Exception {
        assertThat(newsflow("--help")).isZero();
        assertThat(out()).startsWith("usage: newsflow COMMAND [OPTIONS]")
                .contains("  run ", "  demo ", "  produce ", "  consume ", "'newsflow COMMAND --help'");
        assertThat(err()).isEmpty();
    }

    @Test
    void eachCommandExplainsItselfAndExitsZero() throws Exception {
        assertThat(newsflow("consume", "--help")).isZero();
        assertThat(out()).startsWith("usage: newsflow consume TOPIC [--from-beginning] [--max N] [--timeout DURATION]"
                + " [--config FILE]\n").contains("KAFKA_* and NEWSFLOW_*");
        assertThat(newsflow("demo", "-h")).isZero();
        assertThat(out()).contains("usage: newsflow demo [--pages DIR] [--json] [--apicurio-dir DIR]");
    }

    @Test
    void mistakesGetTheUsageOnStandardErrorAndExitTwo() throws Exception {
        assertThat(newsflow("demo", "--sample=x")).isEqualTo(2);
        assertThat(err()).isEqualTo("newsflow demo: unknown option --sample\n"
                + "usage: newsflow demo [--pages DIR] [--json] [--apicurio-dir DIR]\n");
        err.reset();
        assertThat(newsflow("consume")).isEqualTo(2);
        assertThat(err()).startsWith("newsflow consume: wants 1 argument, got 0\n");
        err.reset();
        assertThat(newsflow("consume", "articles.enriched", "--max", "none")).isEqualTo(2);
        assertThat(err()).startsWith("newsflow consume: --max wants a whole number above 0, not \"none\"\n");
        err.reset();
        assertThat(newsflow("run", "--config")).isEqualTo(2);
        assertThat(err()).startsWith("newsflow run: --config needs a value\n");
        err.reset();
        assertThat(newsflow("start")).isEqualTo(2);
        assertThat(err()).startsWith("newsflow: unknown command \"start\"\nusage: newsflow COMMAND");
        assertThat(out()).isEmpty();
    }

    @Test
    void aProduceDirectoryThatIsNotThereIsOneLine() throws Exception {
        assertThat(newsflow("produce", "/no/such/dir")).isEqualTo(1);
        assertThat(err()).isEqualTo("newsflow produce: /no/such/dir is not a directory of .html pages\n");
    }

    @Test
    void optionsTakeTheirValueEitherWayAndDurationsReadLikePeopleWriteThem() throws Exception {
        Set<String> options = Set.of("--timeout", "--max");
        CommandLine line = CommandLine.parse(List.of("t", "--timeout=10s", "--max", "3"), options, Set.of());
        assertThat(line.positionals()).containsExactly("t");
        assertThat(line.duration("--timeout")).contains(Duration.ofSeconds(10));
        assertThat(line.positiveInt("--max")).contains(3);
        for (var text : List.of("500ms", "2m", "1h", "PT30S")) {
            assertThat(CommandLine.parse(List.of("--timeout", text), options, Set.of()).duration("--timeout")).isPresent();
        }
    }
}
