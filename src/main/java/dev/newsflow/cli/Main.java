package dev.newsflow.cli;

import dev.newsflow.app.AvroSerdes;
import dev.newsflow.app.NewsflowApp;
import dev.newsflow.app.NewsflowConfig;
import dev.newsflow.app.StartupFailure;
import dev.newsflow.avro.RawPage;
import dev.newsflow.registry.SchemaRegistryClient;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** The command line: {@code newsflow COMMAND [OPTIONS]}; {@code newsflow --help} lists the commands. */
public final class Main {
    private static final String CONFIG = "--config";

    /** A command: its synopsis, what it does, the options it takes, and how it runs. */
    private record Command(String name, String synopsis, String summary, Set<String> options, Set<String> flags,
                           Runner runner) {
    }

    @FunctionalInterface
    private interface Runner {
        int run(CommandLine line) throws Exception;
    }

    private static final List<Command> COMMANDS = List.of(
            new Command("run", "run [--config FILE]",
                    "the pipeline, against the Kafka cluster and schema registry named by configuration",
                    Set.of(CONFIG), Set.of(), Main::run),
            new Command("demo", "demo [--pages DIR] [--json] [--apicurio-dir DIR]",
                    "an embedded broker and registry, pages (the bundled samples by default) through the pipeline,"
                            + " what comes out printed; --json prints every output record as a JSON line",
                    Set.of("--pages", "--apicurio-dir"), Set.of("--json"), Main::demo),
            new Command("produce", "produce DIR [--config FILE]", "loads DIR/*.html into the raw pages topic",
                    Set.of(CONFIG), Set.of(), Main::produce),
            new Command("consume", "consume TOPIC [--from-beginning] [--max N] [--timeout DURATION] [--config FILE]",
                    "prints a topic's records as JSON lines (Avro decoded through the registry); --timeout ends"
                            + " after that long without a record (10s, 2m, PT30S)",
                    Set.of(CONFIG, "--max", "--timeout"), Set.of("--from-beginning"), Main::consume),
            new Command("reset", "reset --yes [--wait DURATION] [--config FILE]",
                    "makes the application process the raw topic again from its beginning: its offsets rewound, its"
                            + " internal topics (dedup index, trending counts) deleted; every instance must be stopped,"
                            + " (--wait: how long stopped ones may take to leave the group, 60s by default),"
                            + " and downstream sees every article again",
                    Set.of(CONFIG, "--wait"), Set.of("--yes"), Main::reset));

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(execute(Arrays.asList(args), System.out, System.err));
    }

    /** Runs a command line; returns the exit status (0 done, 1 failed, 2 misused). */
    static int execute(List<String> args, PrintStream out, PrintStream err) throws Exception {
        if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h") || args.get(0).equals("help")) {
            out.print(usage());
            return args.isEmpty() ? 2 : 0;
        }
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(args.get(0))).findFirst();
        if (command.isEmpty()) {
            err.println("newsflow: unknown command \"" + args.get(0) + "\"");
            err.print(usage());
            return 2;
        }
        Command c = command.get();
        CommandLine line;
        try {
            line = CommandLine.parse(args.subList(1, args.size()), c.options(), c.flags());
        } catch (CommandLine.UsageError e) {
            err.println("newsflow " + c.name() + ": " + e.getMessage());
            err.println("usage: newsflow " + c.synopsis());
            return 2;
        }
        if (line.help()) {
            out.println("usage: newsflow " + c.synopsis());
            out.println();
            out.println(c.summary());
            out.println();
            out.println(CONFIGURATION);
            return 0;
        }
        try {
            return c.runner().run(line);
        } catch (CommandLine.UsageError e) {
            err.println("newsflow " + c.name() + ": " + e.getMessage());
            err.println("usage: newsflow " + c.synopsis());
            return 2;
        } catch (StartupFailure | IllegalArgumentException | java.io.UncheckedIOException e) {
            err.println("newsflow " + c.name() + ": " + e.getMessage());
            return 1;
        }
    }

    private static final String CONFIGURATION = "Configuration: classpath defaults < KAFKA_* and NEWSFLOW_* environment"
            + " variables < --config FILE (a properties file; NEWSFLOW_CONFIG_FILE names one too).";

    static String usage() {
        StringBuilder out = new StringBuilder("usage: newsflow COMMAND [OPTIONS]\n\ncommands:\n");
        for (Command c : COMMANDS) {
            out.append(String.format("  %-8s %s%n", c.name(), c.summary()));
        }
        out.append("\n'newsflow COMMAND --help' shows a command's options.\n").append(CONFIGURATION).append('\n');
        return out.toString();
    }

    private static int run(CommandLine line) throws Exception {
        noPositionals(line, 0);
        NewsflowApp app = NewsflowApp.start(config(line));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "newsflow-shutdown"));
        stopped.await();
        return 0;
    }

    private static int demo(CommandLine line) throws Exception {
        noPositionals(line, 0);
        Path apicurio = Path.of(line.option("--apicurio-dir").orElse("target/apicurio")).toAbsolutePath();
        Optional<Path> pages = line.option("--pages").map(p -> Path.of(p).toAbsolutePath());
        if (pages.isPresent() && !Files.isDirectory(pages.get())) {
            throw new IllegalArgumentException(pages.get() + " is not a directory of .html pages");
        }
        DemoCommand.run(apicurio, pages, line.flag("--json"), System.out, System.err);
        return 0;
    }

    private static int produce(CommandLine line) throws Exception {
        noPositionals(line, 1);
        Path dir = Path.of(line.positionals().get(0));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir.toAbsolutePath() + " is not a directory of .html pages");
        }
        NewsflowConfig config = config(line);
        AvroSerdes serdes = AvroSerdes.from(config);
        String topic = config.get("newsflow.topic.pages.raw");
        int n = PageProducer.produce(config.kafkaProperties(), topic, serdes.forValues(RawPage.class),
                PageProducer.htmlFiles(dir));
        System.out.printf("produced %d pages to %s%n", n, topic);
        return 0;
    }

    private static int consume(CommandLine line) throws Exception {
        noPositionals(line, 1);
        NewsflowConfig config = config(line);
        new ConsumeCommand(new SchemaRegistryClient(AvroSerdes.registrySettings(config))).run(config.kafkaProperties(),
                line.positionals().get(0), line.flag("--from-beginning"), line.positiveInt("--max"),
                line.duration("--timeout"), System.out);
        return 0;
    }

    private static int reset(CommandLine line) throws Exception {
        noPositionals(line, 0);
        if (!line.flag("--yes")) {
            throw new CommandLine.UsageError("reset forgets what the application has seen; say --yes to go on");
        }
        NewsflowConfig config = config(line);
        ResetCommand.reset(config.kafkaProperties(), config.get("newsflow.topic.pages.raw"),
                line.duration("--wait").orElse(ResetCommand.MEMBERS_LEAVE_WITHIN), System.out);
        return 0;
    }

    private static void noPositionals(CommandLine line, int expected) throws CommandLine.UsageError {
        if (line.positionals().size() != expected) {
            throw new CommandLine.UsageError(expected == 0 ? "unexpected argument " + line.positionals().get(0)
                    : "wants " + expected + " argument" + (expected > 1 ? "s" : "") + ", got " + line.positionals().size());
        }
    }

    private static NewsflowConfig config(CommandLine line) {
        return NewsflowConfig.load(System.getenv(), line.option(CONFIG).map(Path::of));
    }
}
