package dev.newsflow.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code java -jar target/newsflow-*.jar ARGS}, as a user runs it after {@code ./mvnw package}, from the project directory. */
public final class PackagedJar {
    /** What a command printed and how it ended. */
    public record Run(int exit, String out, String err) {
    }

    private PackagedJar() {
    }

    /** Runs with only these KAFKA_* / NEWSFLOW_* variables in the environment. */
    public static Run newsflow(Map<String, String> env, String... args) throws Exception {
        Path jar;
        try (Stream<Path> target = Files.list(Path.of("target"))) {
            jar = target.filter(p -> p.getFileName().toString().matches("newsflow-[^/]*\\.jar")
                    && !p.getFileName().toString().endsWith("-sources.jar")).findFirst().orElseThrow();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:-DontCompileHugeMethods", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_") || k.startsWith("NEWSFLOW_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("newsflow-out", ".txt");
        Path err = Files.createTempFile("newsflow-err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("newsflow " + String.join(" ", args) + " did not end: " + read(err));
        }
        return new Run(process.exitValue(), read(out), read(err));
    }

    private static String read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Files.delete(file);
        return text;
    }
}
