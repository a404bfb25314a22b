package dev.newsflow.clean;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One spelling per article URL, so that the same article crawled through a newsletter link, a
 * social share or with a fragment gets the same id: lower-case scheme and host, no default port,
 * no fragment, no tracking parameters, remaining parameters sorted.
 */
public final class UrlNormalizer {
    private static final Set<String> TRACKING_PARAMETERS = Set.of(
            "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "ocid", "cmpid", "ncid",
            "_ga", "ref_src", "smid", "soc_src", "soc_trk", "yclid", "twclid", "at_medium", "at_campaign");

    private UrlNormalizer() {
    }

    public static String normalize(String url) {
        if (url == null || url.isBlank()) {
            return url;
        }
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return url.trim();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : Arrays.stream(uri.getRawQuery().split("&"))
                    .filter(p -> !p.isEmpty() && !isTracking(p.split("=", 2)[0]))
                    .sorted()
                    .collect(Collectors.joining("&"));
            return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
        } catch (URISyntaxException e) {
            int hash = url.indexOf('#');
            return (hash >= 0 ? url.substring(0, hash) : url).trim();
        }
    }

    /**
     * Whether a URL names a web page: http or https with a host. Empty, {@code about:blank},
     * {@code data:} and other URLs say nothing about which article a page is, so they never make two
     * pages the same article.
     */
    public static boolean isWebUrl(String url) {
        if (url == null) {
            return false;
        }
        String u = url.strip();
        return (u.regionMatches(true, 0, "http://", 0, 7) && u.length() > 7)
                || (u.regionMatches(true, 0, "https://", 0, 8) && u.length() > 8);
    }

    /** A {@code javascript:} URL: a crawler that followed one fetched nothing that is an article. */
    public static boolean isScriptUrl(String url) {
        return url != null && url.strip().regionMatches(true, 0, "javascript:", 0, 11);
    }

    public static String host(String url) {
        try {
            String host = new URI(url).getHost();
            if (host == null) {
                return "";
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static boolean isTracking(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("utm_") || TRACKING_PARAMETERS.contains(lower);
    }
}
