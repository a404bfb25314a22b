package dev.newsflow.testing;

import dev.newsflow.avro.RawPage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jsoup.nodes.Entities;

/**
 * Distinct, realistically sized news pages for fault and load runs: a story inside the usual page
 * chrome (navigation, scripts, styles, related links, footer) padded to the requested size. The
 * default story is a dozen generated paragraphs naming people, organisations and places from the
 * knowledge base; a load run passes real news text instead. Page n is the same on every run; no two
 * pages share a story.
 */
public final class SyntheticPages {
    /** The paragraphs of page n's story; {@code random} is seeded by n. */
    public interface Story {
        List<String> paragraphs(long n, Random random);
    }

    private static final String[] NAMES = {"Sergei Lavrov", "Antony Blinken", "Olaf Scholz", "Emmanuel Macron",
            "Volodymyr Zelensky", "Xi Jinping", "Narendra Modi", "Ursula von der Leyen", "Donald Trump", "Lula"};
    private static final String[] PLACES = {"Geneva", "Berlin", "Paris", "Kyiv", "Beijing", "Brazil", "London",
            "Washington", "Moscow", "Tokyo", "Madrid", "Rome"};
    private static final String[] ORGS = {"United Nations", "NATO", "European Union", "World Bank", "Google",
            "Microsoft", "Reuters", "the International Monetary Fund"};
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ren", "tas", "vo", "del", "pra", "sun", "ti",
            "ber", "gal", "no", "ru", "shi", "an", "em", "or", "ul", "yet"};

    private final int targetBytes;
    private final Story story;

    public SyntheticPages(int targetBytes) {
        this(targetBytes, SyntheticPages::generatedStory);
    }

    public SyntheticPages(int targetBytes, Story story) {
        this.targetBytes = targetBytes;
        this.story = story;
    }

    public static String url(long n) {
        return "https://news" + (n % 7) + ".example/world/2026/story-" + n;
    }

    public RawPage page(long n, Instant fetchedAt) {
        return RawPage.newBuilder()
                .setUrl(url(n))
                .setFetchedAt(fetchedAt)
                .setContentType("text/html; charset=utf-8")
                .setBody(ByteBuffer.wrap(html(n).getBytes(StandardCharsets.UTF_8)))
                .setCrawler("synthetic")
                .build();
    }

    /** A page fetched from {@code url} with this body, stored with this Content-Encoding (null: as is). */
    public static RawPage rawPage(String url, byte[] body, String contentEncoding, String crawler) {
        return RawPage.newBuilder().setUrl(url).setFetchedAt(Instant.now()).setContentType("text/html; charset=utf-8")
                .setBody(ByteBuffer.wrap(body)).setCrawler(crawler).setContentEncoding(contentEncoding).build();
    }

    /** The page's markup without its {@code <link rel="canonical">}. */
    public static String withoutCanonical(String html) {
        return html.replaceFirst("<link rel=\"canonical\" href=\"[^\"]*\">", "");
    }

    public String html(long n) {
        Random random = new Random(n * 0x9E3779B97F4A7C15L + 17);
        String title = capitalise(sentence(random, 9).replace(".", ""));
        StringBuilder page = new StringBuilder(targetBytes + 4096);
        page.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title)
                .append(" | News").append(n % 7).append("</title><link rel=\"canonical\" href=\"").append(url(n))
                .append("\"><meta property=\"og:type\" content=\"article\"><meta property=\"og:title\" content=\"")
                .append(title).append("\"><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
                        + "\"@type\":\"NewsArticle\",\"headline\":\"").append(title)
                .append("\",\"datePublished\":\"2026-03-").append(10 + n % 18).append("T08:30:00Z\",\"author\":"
                        + "{\"@type\":\"Person\",\"name\":\"").append(reporter(random)).append("\"}}</script>");
        page.append("<style>").append(filler(random, "css", 6_000)).append("</style></head><body>");
        page.append("<header><nav><ul>");
        for (String section : List.of("World", "Politics", "Business", "Technology", "Science", "Sport", "Culture")) {
            page.append("<li><a href=\"/").append(section.toLowerCase()).append("\">").append(section).append("</a></li>");
        }
        page.append("</ul></nav><div class=\"promo\">Download the app now</div></header><main><article><h1>")
                .append(title).append("</h1><p class=\"byline\">By ").append(reporter(random)).append("</p>");
        for (String paragraph : story.paragraphs(n, random)) {
            page.append("<p>").append(Entities.escape(paragraph)).append("</p>");
        }
        page.append("</article><aside class=\"related\"><h2>Related stories</h2><ul>");
        for (int i = 1; i <= 8; i++) {
            page.append("<li><a href=\"").append(url(n + i * 1_000_003L)).append("\">")
                    .append(capitalise(sentence(random, 7))).append("</a></li>");
        }
        page.append("</ul></aside></main><footer><p>Copyright 2026 News").append(n % 7)
                .append(". All rights reserved.</p></footer>");
        int padding = targetBytes - page.length() - 40;
        if (padding > 0) {
            page.append("<script>").append(filler(random, "js", padding)).append("</script>");
        }
        return page.append("</body></html>").toString();
    }

    private static List<String> generatedStory(long n, Random random) {
        List<String> story = new ArrayList<>();
        int paragraphs = 10 + random.nextInt(5);
        for (int p = 0; p < paragraphs; p++) {
            StringBuilder paragraph = new StringBuilder();
            int sentences = 3 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                paragraph.append(storySentence(random, n, p, s)).append(' ');
            }
            story.add(paragraph.toString());
        }
        return story;
    }

    private static String storySentence(Random random, long n, int paragraph, int sentence) {
        String base = sentence(random, 14 + random.nextInt(10));
        if ((paragraph + sentence) % 3 != 0) {
            return base;
        }
        String who = NAMES[(int) ((n + paragraph) % NAMES.length)];
        String where = PLACES[(int) ((n * 3 + sentence) % PLACES.length)];
        String org = ORGS[(int) ((n + paragraph * 5L) % ORGS.length)];
        return who + " told reporters in " + where + " that the " + org + " would " + base.toLowerCase();
    }

    private static String sentence(Random random, int words) {
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                s.append(' ');
            }
            int syllables = 1 + random.nextInt(3);
            for (int k = 0; k < syllables; k++) {
                s.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
        }
        return capitalise(s.toString()) + ".";
    }

    private static String reporter(Random random) {
        return capitalise(SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)])
                + " " + capitalise(SYLLABLES[random.nextInt(SYLLABLES.length)] + SYLLABLES[random.nextInt(SYLLABLES.length)] + "son");
    }

    /** Script or style text of about the given size: what makes real pages ten times their article. */
    private static String filler(Random random, String kind, int bytes) {
        StringBuilder out = new StringBuilder(bytes + 64);
        int i = 0;
        while (out.length() < bytes) {
            if (kind.equals("css")) {
                out.append(".c").append(i).append("{margin:").append(random.nextInt(40)).append("px;color:#")
                        .append(Integer.toHexString(0x100000 + random.nextInt(0xEFFFFF))).append("}");
            } else {
                out.append("var v").append(i).append("=").append(random.nextInt(1_000_000))
                        .append(";function f").append(i).append("(a){return a*").append(random.nextInt(97)).append("+v")
                        .append(i).append(";}");
            }
            i++;
        }
        return out.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
