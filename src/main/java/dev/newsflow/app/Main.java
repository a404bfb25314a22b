package dev.newsflow.app;

import dev.newsflow.avro.RawPage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Command line:
 * <pre>
 *   run     [--config FILE]               the pipeline against Kafka and a registry from config/env
 *   demo    [--apicurio-dir=DIR] [--samples=DIR]   embedded broker + registry + sample pages
 *   produce DIR [--config FILE]           load DIR/*.html into the raw topic
 * </pre>
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = Arrays.asList(args);
        String command = arguments.isEmpty() ? "run" : arguments.get(0);
        switch (command) {
            case "run" -> run(config(arguments));
            case "demo" -> DemoCommand.run(
                    Path.of(option(arguments, "--apicurio-dir").orElse("target/apicurio")),
                    Path.of(option(arguments, "--samples").orElse("src/main/resources/samples")),
                    System.out);
            case "produce" -> produce(arguments, config(arguments));
            default -> {
                System.err.println("usage: newsflow run [--config FILE] | demo [--apicurio-dir=DIR] [--samples=DIR]"
                        + " | produce DIR [--config FILE]");
                System.exit(2);
            }
        }
    }

    private static void run(NewsflowConfig config) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        NewsflowApp app;
        try {
            app = NewsflowApp.start(config);
        } catch (StartupFailure e) {
            System.err.println("newsflow cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.close();
            stopped.countDown();
        }, "newsflow-shutdown"));
        stopped.await();
    }

    private static void produce(List<String> arguments, NewsflowConfig config) throws Exception {
        if (arguments.size() < 2 || !Files.isDirectory(Path.of(arguments.get(1)))) {
            throw new IllegalArgumentException("produce needs a directory of .html files");
        }
        AvroSerdes serdes = AvroSerdes.from(config);
        String topic = config.get("newsflow.topic.pages.raw");
        int n = PageProducer.produce(config.kafkaProperties(), topic, serdes.forValues(RawPage.class),
                PageProducer.htmlFiles(Path.of(arguments.get(1))));
        System.out.printf("produced %d pages to %s%n", n, topic);
    }

    private static NewsflowConfig config(List<String> arguments) {
        int i = arguments.indexOf("--config");
        Optional<Path> file = i >= 0 && i + 1 < arguments.size() ? Optional.of(Path.of(arguments.get(i + 1)))
                : option(arguments, "--config").map(Path::of);
        return NewsflowConfig.load(System.getenv(), file);
    }

    private static Optional<String> option(List<String> arguments, String name) {
        return arguments.stream().filter(a -> a.startsWith(name + "=")).map(a -> a.substring(name.length() + 1)).findFirst();
    }
}
