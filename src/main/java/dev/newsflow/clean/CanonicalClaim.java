package dev.newsflow.clean;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * A page's canonical URL ({@code <link rel=canonical>}, {@code og:url}, JSON-LD) is a claim its
 * author makes, not a fact: any crawled site can write another site's URL there. Taken as the
 * article's identity, it let a spam page crawled first make the real article a duplicate of itself.
 * A claim is honoured only when it stays on the registrable domain the page was fetched from
 * (the Public Suffix List's rule: {@code www.bbc.co.uk} and {@code m.bbc.co.uk} are one site,
 * {@code a.blogspot.com} and {@code b.blogspot.com} are two). The re-crawl, the mobile copy and the
 * tracking-parameter copy still become one article; a cross-site claim is ignored.
 */
public final class CanonicalClaim {
    private CanonicalClaim() {
    }

    /** Whether a page fetched from {@code fetchedUrl} may name {@code claimedUrl} as itself. */
    public static boolean isVouchedFor(String fetchedUrl, String claimedUrl) {
        Optional<String> fetched = registrableDomain(fetchedUrl);
        return fetched.isPresent() && fetched.equals(registrableDomain(claimedUrl));
    }

    /** The registrable domain of a web URL's host (an IP address or a bare public suffix stands for itself). */
    static Optional<String> registrableDomain(String url) {
        if (!UrlNormalizer.isWebUrl(url)) {
            return Optional.empty();
        }
        String host;
        try {
            host = URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (InetAddresses.isUriInetAddress(host) || !InternetDomainName.isValid(host)) {
            return Optional.of(host);
        }
        InternetDomainName name = InternetDomainName.from(host);
        if (name.isUnderPublicSuffix()) {
            return Optional.of(name.topPrivateDomain().toString());
        }
        if (name.isPublicSuffix() || !name.hasParent()) {
            return Optional.of(host);
        }
        // a suffix the list does not know (.example, .internal): its implicit rule is one label
        return Optional.of(host.substring(host.lastIndexOf('.', host.lastIndexOf('.') - 1) + 1));
    }
}
