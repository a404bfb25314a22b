package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.CleanArticle;
import dev.newsflow.avro.SourceRef;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalClaimTest {
    private static final String STORY = "<p>" + "The council met again on Tuesday to argue about the budget and the buses. "
            .repeat(12) + "</p>";

    @Test
    void registrableDomainsFollowThePublicSuffixList() {
        assertThat(CanonicalClaim.registrableDomain("https://www.bbc.co.uk/news/x")).contains("bbc.co.uk");
        assertThat(CanonicalClaim.registrableDomain("https://m.bbc.co.uk/news/x")).contains("bbc.co.uk");
        assertThat(CanonicalClaim.registrableDomain("https://alice.blogspot.com/p")).contains("alice.blogspot.com");
        assertThat(CanonicalClaim.registrableDomain("http://NEWS.Example.COM./a")).contains("example.com");
        assertThat(CanonicalClaim.registrableDomain("https://a.b.news.example/x")).as("a suffix the list lacks")
                .contains("news.example");
        assertThat(CanonicalClaim.registrableDomain("http://127.0.0.1:8080/x")).contains("127.0.0.1");
        assertThat(CanonicalClaim.registrableDomain("about:blank")).isEmpty();
        assertThat(CanonicalClaim.registrableDomain("")).isEmpty();
    }

    @Test
    void aClaimIsVouchedForOnlyOnTheSiteThePageCameFrom() {
        assertThat(CanonicalClaim.isVouchedFor("https://m.bbc.co.uk/news/1?utm_source=x", "https://www.bbc.co.uk/news/1"))
                .isTrue();
        assertThat(CanonicalClaim.isVouchedFor("http://victim.example.com/a", "https://victim.example.com/a")).isTrue();
        assertThat(CanonicalClaim.isVouchedFor("https://spam.example.net/a", "https://victim.example.com/a")).isFalse();
        assertThat(CanonicalClaim.isVouchedFor("https://alice.blogspot.com/a", "https://bob.blogspot.com/a")).isFalse();
        assertThat(CanonicalClaim.isVouchedFor("", "https://victim.example.com/a")).as("nothing to vouch with").isFalse();
    }

    @Test
    void aPageClaimingAnotherSitesUrlKeepsItsOwnIdentityAndSite() throws Exception {
        String spam = "<html><head><link rel=\"canonical\" href=\"https://www.victim.com/story\">"
                + "<meta property=\"og:url\" content=\"https://www.victim.com/story\">"
                + "<meta property=\"og:site_name\" content=\"Victim News\"><meta property=\"og:type\" content=\"article\">"
                + "<title>Spam</title></head><body><article>" + STORY + "</article></body></html>";
        CleanArticle article = clean(spam, "https://spam.net/copy?id=3");
        assertThat(article.getCanonicalUrl()).isEqualTo("https://spam.net/copy?id=3");
        assertThat(article.getSite()).isEqualTo("spam.net");

        // the same markup fetched from the victim's own mobile site is the victim's article
        CleanArticle sameSite = clean(spam, "https://m.victim.com/story?utm_source=feed");
        assertThat(sameSite.getCanonicalUrl()).isEqualTo("https://www.victim.com/story");
        assertThat(sameSite.getSite()).isEqualTo("Victim News");
        assertThat(sameSite.getId()).isNotEqualTo(article.getId());
    }

    private static CleanArticle clean(String html, String url) throws CleanFailure {
        return ArticleCleaner.withDefaults().clean(html.getBytes(StandardCharsets.UTF_8), "text/html", url, 0L,
                new SourceRef("pages.raw", 0, 0L));
    }
}
