package dev.newsflow.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach a Confluent-API schema registry.
 *
 * @param baseUrls   one or more base URLs (tried in turn), e.g. {@code http://host:8081} or an
 *                   Apicurio {@code http://host:8080/apis/ccompat/v7}
 * @param basicAuth  {@code user:password} for HTTP basic auth, if the registry wants it
 * @param timeout    what one call may take in all, its retries included
 */
public record RegistrySettings(List<String> baseUrls, Optional<String> basicAuth, Duration timeout,
                               int maxAttempts, Duration initialBackoff, int cacheCapacity, Optional<SSLContext> ssl) {
    /**
     * What one call may take, retries included: a stream thread waits that long at most per call,
     * well inside the 10 s transaction it sits in.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    public RegistrySettings {
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one schema registry URL is needed");
        }
        baseUrls = baseUrls.stream().map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).toList();
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    /** Five attempts within {@link #DEFAULT_TIMEOUT} per call. */
    public static RegistrySettings of(String commaSeparatedUrls) {
        return of(commaSeparatedUrls, DEFAULT_TIMEOUT);
    }

    /**
     * The URLs, each possibly with {@code user:password@} in it as registries print them: that part
     * becomes the basic-auth credentials (Java's HTTP client would send it nowhere) and leaves the URL.
     *
     * @param timeout what one call may take in all, retries included
     */
    public static RegistrySettings of(String commaSeparatedUrls, Duration timeout) {
        List<String> urls = new ArrayList<>();
        Set<String> userInfos = new LinkedHashSet<>();
        for (String given : commaSeparatedUrls.strip().split("\\s*,\\s*")) {
            URI uri;
            try {
                uri = new URI(given);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("the schema registry URL '" + withoutUserInfo(given)
                        + "' is not a URL: " + e.getReason());
            }
            if (uri.getRawUserInfo() != null) {
                userInfos.add(URLDecoder.decode(uri.getRawUserInfo().replace("+", "%2B"), StandardCharsets.UTF_8));
            }
            urls.add(withoutUserInfo(given));
        }
        if (userInfos.size() > 1) {
            throw new IllegalArgumentException("the schema registry URLs carry different credentials: give one"
                    + " user:password in newsflow.registry.basic.auth.user.info instead");
        }
        return new RegistrySettings(urls, userInfos.stream().findFirst(), timeout, 5, Duration.ofMillis(200), 1000,
                Optional.empty());
    }

    /**
     * Credentials given in their own setting; they must agree with any a URL carries.
     */
    public RegistrySettings withBasicAuth(String userInfo) {
        Optional<String> given = Optional.ofNullable(userInfo).filter(s -> !s.isBlank());
        if (given.isPresent() && basicAuth.isPresent() && !given.equals(basicAuth)) {
            throw new IllegalArgumentException("the schema registry URL carries credentials other than"
                    + " newsflow.registry.basic.auth.user.info: give them in one place");
        }
        return new RegistrySettings(baseUrls, given.or(() -> basicAuth), timeout, maxAttempts, initialBackoff,
                cacheCapacity, ssl);
    }

    /** The URL as it may be shown: any credentials in it replaced. */
    public static String withoutUserInfo(String url) {
        return url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }


    /** HTTPS to a registry whose certificate a private CA signed: trust what the context trusts. */
    public RegistrySettings withSsl(SSLContext context) {
        return new RegistrySettings(baseUrls, basicAuth, timeout, maxAttempts, initialBackoff, cacheCapacity,
                Optional.of(context));
    }
}
