package dev.newsflow.registry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach a Confluent-API schema registry.
 *
 * @param baseUrls   one or more base URLs (tried in turn), e.g. {@code http://host:8081} or an
 *                   Apicurio {@code http://host:8080/apis/ccompat/v7}
 * @param basicAuth  {@code user:password} for HTTP basic auth, if the registry wants it
 */
public record RegistrySettings(List<String> baseUrls, Optional<String> basicAuth, Duration timeout,
                               int maxAttempts, Duration initialBackoff, int cacheCapacity, Optional<SSLContext> ssl) {

    public RegistrySettings {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        baseUrls = baseUrls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public static RegistrySettings of(String commaSeparatedUrls) {
        return new RegistrySettings(List.of(commaSeparatedUrls.split("\\s*,\\s*")), Optional.empty(),
                Duration.ofSeconds(10), 5, Duration.ofMillis(200), 1000, Optional.empty());
    }

    public RegistrySettings withBasicAuth(String userInfo) {
        return new RegistrySettings(baseUrls, Optional.ofNullable(userInfo).filter(s -> !s.isBlank()), timeout,
                maxAttempts, initialBackoff, cacheCapacity, ssl);
    }

    /** HTTPS to a registry whose certificate a private CA signed: trust what the context trusts. */
    public RegistrySettings withSsl(SSLContext context) {
        return new RegistrySettings(baseUrls, basicAuth, timeout, maxAttempts, initialBackoff, cacheCapacity,
                Optional.of(context));
    }
}
