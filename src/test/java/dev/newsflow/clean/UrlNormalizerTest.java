package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlNormalizerTest {
    @Test
    void dropsTrackingFragmentsAndDefaultPortsAndSortsParameters() {
        assertThat(UrlNormalizer.normalize("HTTPS://WWW.Example.COM:443/News/Story?utm_source=x&b=2&fbclid=abc&a=1#comments"))
                .isEqualTo("https://www.example.com/News/Story?a=1&b=2");
        assertThat(UrlNormalizer.normalize("http://example.com")).isEqualTo("http://example.com/");
        assertThat(UrlNormalizer.host("https://www.example.com/x")).isEqualTo("example.com");
    }
}
