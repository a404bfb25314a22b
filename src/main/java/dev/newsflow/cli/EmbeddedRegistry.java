package dev.newsflow.cli;

import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.registry.SchemaRegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A real Apicurio Registry (Confluent-compatible API at {@code /apis/ccompat/v7}) run as a child
 * process on a free loopback port, with in-memory storage and BACKWARD compatibility: what tests
 * and the demo register against.
 */
public final class EmbeddedRegistry implements AutoCloseable {
    private static final String RUNNER = "apicurio-registry-app-3.0.9-runner.jar";

    private final Process process;
    private final String url;

    private EmbeddedRegistry(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** {@code apicurioDir} is the unpacked {@code apicurio-registry-app-3.0.9-all.tar.gz}. */
    public static EmbeddedRegistry start(Path apicurioDir, Path logFile) throws IOException, InterruptedException {
        Path jar = apicurioDir.toAbsolutePath().resolve(RUNNER);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: run the build once (./mvnw process-test-resources) to fetch Apicurio");
        }
        int port = FreePorts.next();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                "-Dapicurio.ccompat.use-canonical-hash=true",
                "-jar", jar.toString()))
                .directory(apicurioDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        String url = "http://127.0.0.1:" + port + "/apis/ccompat/v7";
        EmbeddedRegistry registry = new EmbeddedRegistry(process, url);
        try {
            registry.awaitReady(Duration.ofSeconds(120), logFile);
        } catch (RuntimeException | InterruptedException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private void awaitReady(Duration timeout, Path logFile) throws InterruptedException {
        SchemaRegistryClient client = new SchemaRegistryClient(new RegistrySettings(List.of(url), Optional.empty(),
                Duration.ofSeconds(2), 1, Duration.ofMillis(100), 10, Optional.empty()));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                client.setCompatibility(Optional.empty(), "BACKWARD");
                return;
            } catch (SchemaRegistryException notYet) {
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("Apicurio Registry not ready after " + timeout + "; see " + logFile);
    }

    public String url() {
        return url;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
