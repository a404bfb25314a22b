package dev.newsflow.testing;

import dev.newsflow.cli.FreePorts;
import dev.newsflow.entities.StanfordCrfRecognizer;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The application as its own JVM ({@code Main run --config FILE}), so that it can be killed with
 * SIGKILL mid-stream, and measured on its own.
 */
public final class AppProcess implements AutoCloseable {
    private final Process process;
    private final int httpPort;

    private AppProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    public static AppProcess start(Map<String, String> settings, Path workDir, String name, String heap)
            throws IOException {
        int port = FreePorts.next();
        Properties props = new Properties();
        props.putAll(settings);
        props.setProperty("newsflow.http.port", String.valueOf(port));
        // where the other instances of the same application ask this one for its share of a trending query
        props.setProperty("kafka.application.server", "127.0.0.1:" + port);
        Path config = workDir.resolve(name + ".properties");
        try (Writer out = Files.newBufferedWriter(config)) {
            props.store(out, "newsflow under test");
        }
        Path log = Files.createDirectories(Path.of("target/it-logs")).resolve(name + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, StanfordCrfRecognizer.JIT_FLAG));
        // e.g. -Dnewsflow.app.jvm.options=-XX:StartFlightRecording=filename=app.jfr to profile the application
        String extra = System.getProperty("newsflow.app.jvm.options", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.newsflow.cli.Main", "run", "--config", config.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new AppProcess(process, port);
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return HttpReadiness.awaitOk(process, URI.create("http://127.0.0.1:" + httpPort + "/ready"), timeout);
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    /** Resident set size high-water mark of the process, in bytes (Linux). */
    public long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        return -1;
    }

    /** SIGKILL: no shutdown hook, no commit, no flush. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
