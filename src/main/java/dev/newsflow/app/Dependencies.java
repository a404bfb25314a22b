package dev.newsflow.app;

import dev.newsflow.stream.Causes;
import dev.newsflow.registry.RegistrySettings;
import dev.newsflow.registry.SchemaRegistryClient;
import dev.newsflow.registry.SchemaRegistryException;
import dev.newsflow.stream.NotTheRecordsFault;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before the pipeline starts, the brokers and the schema registry must answer and the preparation
 * (topics, the schema contract, the knowledge-base seed) must pass. While they do not, the instance
 * waits, alive and not ready, trying again with back-off; after {@code newsflow.startup.wait} it
 * gives up with one line that names what it tried. Answers that waiting cannot change (a registry URL
 * without its API path, refused credentials, an untrusted certificate) fail at once.
 */
final class Dependencies {
    private static final Logger LOG = LoggerFactory.getLogger(Dependencies.class);
    private static final int ATTEMPT_TIMEOUT_MS = 10_000;
    private static final long MAX_BACKOFF_MS = 30_000;

    interface Preparation {
        void run() throws Exception;
    }

    /** Something that may answer later. */
    private static final class Unreachable extends Exception {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final String brokers;
    private final Properties admin;
    private final RegistrySettings registry;

    Dependencies(Properties kafka, RegistrySettings registry) {
        this.brokers = kafka.getProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        this.admin = ClientProperties.admin(kafka);
        // a cluster that is down is retried here with our own back-off: one client warning a second is noise
        admin.put(CommonClientConfigs.RECONNECT_BACKOFF_MS_CONFIG, "1000");
        admin.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "10000");
        this.registry = registry;
    }

    /** @param wait how long to keep trying; zero waits for as long as it takes */
    void await(Duration wait, Consumer<String> status, Preparation preparation) throws StartupFailure, InterruptedException {
        long deadline = wait.isZero() ? Long.MAX_VALUE : System.nanoTime() + wait.toNanos();
        long backoffMs = 1_000;
        int nextLoggedAttempt = 1;
        for (int attempt = 1; ; attempt++) {
            try {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000;
                attempt(preparation, (int) Math.max(1_000, Math.min(ATTEMPT_TIMEOUT_MS, remainingMs)));
                return;
            } catch (Unreachable e) {
                if (deadline - System.nanoTime() < backoffMs * 1_000_000) {
                    throw new StartupFailure(e.getMessage() + " (gave up after " + wait.toSeconds()
                            + " s; newsflow.startup.wait sets how long to wait)", e.getCause());
                }
                status.accept("waiting: " + e.getMessage());
                if (attempt == nextLoggedAttempt) {
                    LOG.warn("{} (attempt {}); trying again, not ready meanwhile", e.getMessage(), attempt);
                    nextLoggedAttempt *= 2;
                }
                Thread.sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF_MS);
            }
        }
    }

    private void attempt(Preparation preparation, int timeoutMs)
            throws Unreachable, StartupFailure, InterruptedException {
        checkBrokers(timeoutMs);
        checkRegistry();
        try {
            preparation.run();
        } catch (InterruptedException | StartupFailure e) {
            throw e;
        } catch (Exception e) {
            if (NotTheRecordsFault.isOutage(e) || e instanceof java.util.concurrent.TimeoutException) {
                throw new Unreachable("preparing topics, schemas and the knowledge base failed: " + Causes.innermost(e), e);
            }
            throw new StartupFailure("preparing topics, schemas and the knowledge base failed: " + e, e);
        }
    }

    private void checkBrokers(int timeoutMs) throws Unreachable, StartupFailure, InterruptedException {
        try (Admin client = Admin.create(admin)) {
            client.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
                throw new StartupFailure("the brokers at " + brokers + " refused this client: " + cause.getMessage(), cause);
            }
            throw new Unreachable("the brokers at " + brokers + " do not answer: " + Causes.innermost(cause), cause);
        } catch (KafkaException e) {
            // an unresolvable name may resolve once the cluster's service exists
            throw new Unreachable("cannot reach the brokers at " + brokers + ": " + Causes.innermost(e), e);
        }
    }

    private void checkRegistry() throws Unreachable, StartupFailure {
        String url = String.join(",", registry.baseUrls());
        try {
            new SchemaRegistryClient(registry).subjects();
        } catch (SchemaRegistryException e) {
            if (Causes.include(e, SSLHandshakeException.class)) {
                throw new StartupFailure("the schema registry at " + url + " presented a certificate this instance does"
                        + " not trust (" + Causes.innermost(e) + "); newsflow.registry.ssl.truststore.location names the CA to trust", e);
            }
            if (e.isRetriable()) {
                throw new Unreachable("the schema registry at " + url + " does not answer: " + Causes.innermost(e), e);
            }
            String hint = switch (e.httpStatus()) {
                case 404 -> url.contains("/apis/") ? "" : "; a Confluent-compatible API under another path (for"
                        + " Apicurio Registry: http://HOST:PORT/apis/ccompat/v7) must be part of the URL";
                case 401, 403 -> "; check newsflow.registry.basic.auth.user.info";
                default -> "";
            };
            throw new StartupFailure("the schema registry at " + url + " answered " + e.httpStatus()
                    + " to GET /subjects" + hint, e);
        }
    }
}
