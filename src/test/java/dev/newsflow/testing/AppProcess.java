package dev.newsflow.testing;

import dev.newsflow.cli.FreePorts;
import dev.newsflow.entities.StanfordCrfRecognizer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The application as its own JVM ({@code Main run --config FILE}), so that it can be killed with
 * SIGKILL mid-stream, and measured on its own.
 */
public final class AppProcess implements AutoCloseable {
    /** USER_HZ, which Linux fixes at 100 for what /proc reports. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Process process;
    private final int httpPort;

    private AppProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    public static AppProcess start(Map<String, String> settings, Path workDir, String name, String heap)
            throws IOException {
        int port = FreePorts.next();
        Path config = configFile(settings, port, workDir, name);
        return new AppProcess(launch(name, heap, true, List.of("dev.newsflow.cli.Main", "run", "--config",
                config.toString())), port);
    }

    /**
     * Another main class of this classpath in a JVM set up as the application's (heap, JIT flag), given
     * the application's configuration file as its first argument, then {@code args}.
     */
    public static AppProcess startMain(Map<String, String> settings, Path workDir, String name, String heap,
                                       Class<?> main, String... args) throws IOException {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(main.getName(), configFile(settings, port, workDir, name).toString()));
        command.addAll(List.of(args));
        return new AppProcess(launch(name, heap, false, command), port);
    }

    private static Path configFile(Map<String, String> settings, int port, Path workDir, String name) throws IOException {
        Map<String, String> own = new HashMap<>(settings);
        own.put("newsflow.http.port", String.valueOf(port));
        // where the other instances of the same application ask this one for its share of a trending query
        own.put("kafka.application.server", "127.0.0.1:" + port);
        return TestApps.writeConfigFile(own, workDir.resolve(name + ".properties"));
    }

    private static Process launch(String name, String heap, boolean newsflow, List<String> mainAndArgs)
            throws IOException {
        Path log = Files.createDirectories(Path.of("target/it-logs")).resolve(name + "-" + System.nanoTime() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, StanfordCrfRecognizer.JIT_FLAG));
        // e.g. -Dnewsflow.app.jvm.options=-XX:StartFlightRecording=filename=app.jfr to profile the application
        String extra = newsflow ? System.getProperty("newsflow.app.jvm.options", "").strip() : "";
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
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

    /**
     * CPU time so far by thread, user and system (Linux), keyed by the thread's name as the kernel
     * keeps it (its first 15 characters); threads of one name are summed.
     */
    public Map<String, Duration> cpuTimeByThread() throws IOException {
        Map<String, Duration> byName = new TreeMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + process.pid() + "/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (NoSuchFileException ended) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                byName.merge(name, ticks(stat), Duration::plus);
            }
        }
        return byName;
    }

    /** utime + stime of a /proc stat line: fields 14 and 15, counted after the name, which is in parentheses and may hold spaces. */
    private static Duration ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Duration.ofMillis((Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000 / CLOCK_TICKS_PER_SECOND);
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
