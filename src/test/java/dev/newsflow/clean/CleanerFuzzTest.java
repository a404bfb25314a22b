package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.SourceRef;
import dev.newsflow.testing.CpuBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand pages generated from the sample pages by seeded, reproducible mutations (deep
 * nesting, huge attributes and text nodes, runs of white space and punctuation in every metadata
 * field, broken tags, random bytes, every kind of charset declaration) go through the cleaner: each
 * must end as an article or a refusal with a reason, well within the per-record budget, and none may
 * fail by surprise. A failing page is reported with its seed, so it can be generated again.
 */
class CleanerFuzzTest {
    private static final int PAGES = 10_000;
    private static final long SEED = 20261204L;
    /**
     * A fifth of production's 5 s record budget, and more than twice the slowest page on an idle CI
     * machine (0.4 s): a page over it is pathological, not a busy machine.
     */
    /** CPU time, not wall time: a busy machine stretches the latter, never the work a page costs. */
    private static final long MAX_CPU_MILLIS_PER_PAGE = 2_000;
    private static final String[] CHARSETS = {"utf-8", "UTF-16", "utf-16le", "iso-8859-1", "windows-1251", "shift_jis",
            "gb2312", "koi8-r", "x-user-defined", "bogus-charset", "", "utf-7", "ISO-2022-JP", "euc-kr", "\"utf-8\""};
    private static final String[] META_FIELDS = {"author", "og:title", "og:site_name", "article:published_time",
            "og:url", "description", "article:author", "og:type", "og:locale"};
    private static final String JUNK = " \t\n\u00a0,.;:|&-_/\\'\"()[]{}<>!?*#@";

    private final ArticleCleaner cleaner = ArticleCleaner.withDefaults();

    @Test
    void everyGeneratedPageEndsAsAnArticleOrARefusalWithinItsBudget() throws IOException {
        List<String> seeds = samplePages();
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        int articles = 0;
        long slowest = 0;
        for (int i = 0; i < PAGES; i++) {
            long pageSeed = random.nextLong();
            Random r = new Random(pageSeed);
            byte[] page = mutate(seeds.get(r.nextInt(seeds.size())), r);
            String contentType = r.nextInt(4) == 0 ? "text/html; charset=" + pick(CHARSETS, r) : "text/html";
            long started = CpuBudget.currentThreadNanos();
            try {
                cleaner.clean(page, contentType, "https://news.example/" + i, 0L, new SourceRef("fuzz", 0, (long) i));
                articles++;
            } catch (CleanFailure refused) {
                assertThat(refused.reason()).isNotNull();
            } catch (RuntimeException | StackOverflowError surprise) {
                failures.add("seed " + pageSeed + ": " + surprise);
            }
            long millis = (CpuBudget.currentThreadNanos() - started) / 1_000_000;
            slowest = Math.max(slowest, millis);
            if (millis > MAX_CPU_MILLIS_PER_PAGE) {
                failures.add("seed " + pageSeed + ": " + millis + " ms of CPU for " + page.length + " bytes");
            }
        }
        assertThat(failures).as("pages that failed by surprise or ran over budget (slowest %d ms of CPU)", slowest).isEmpty();
        assertThat(articles).as("the mutations leave many pages articles").isGreaterThan(PAGES / 10);
    }

    private static List<String> samplePages() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/samples"))) {
            List<String> pages = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).sorted().toList()) {
                pages.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)); // one char per byte, kept as is
            }
            return pages;
        }
    }

    /** One to three mutations of a page, chosen and placed by the page's own random source. */
    static byte[] mutate(String page, Random r) {
        String html = page;
        int mutations = 1 + r.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            html = switch (r.nextInt(8)) {
                case 0 -> insert(html, r, repeat("<div><span>", 1 + r.nextInt(20_000)));
                case 1 -> insert(html, r, "<p class=\"" + repeat("x ", r.nextInt(100_000)) + "\">attribute</p>");
                case 2 -> insert(html, r, "<p>" + junk(r, 1 + r.nextInt(300_000)) + "</p>");
                case 3 -> insert(html, r, "<meta name=\"" + pick(META_FIELDS, r) + "\" property=\""
                        + pick(META_FIELDS, r) + "\" content=\"" + junk(r, r.nextInt(200_000)) + "\">");
                case 4 -> brokenTags(html, r);
                case 5 -> insert(html, r, "<meta charset=\"" + pick(CHARSETS, r) + "\">");
                case 6 -> insert(html, r, "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                        + "\"articleBody\":\"" + junk(r, r.nextInt(50_000)) + "\",\"author\":[" + "{\"name\":\"x\"},".repeat(
                        r.nextInt(5_000)) + "]}</script>");
                default -> html;
            };
        }
        byte[] bytes = html.getBytes(StandardCharsets.ISO_8859_1);
        if (r.nextInt(4) == 0) { // random bytes somewhere, a run of them
            int at = r.nextInt(bytes.length);
            int run = Math.min(bytes.length - at, 1 + r.nextInt(2_000));
            for (int k = 0; k < run; k++) {
                bytes[at + k] = (byte) r.nextInt(256);
            }
        }
        return bytes;
    }

    private static String insert(String html, Random r, String piece) {
        int at = r.nextInt(html.length() + 1);
        return html.substring(0, at) + piece + html.substring(at);
    }

    private static String brokenTags(String html, Random r) {
        StringBuilder out = new StringBuilder(html);
        for (int k = 0; k < 1 + r.nextInt(50); k++) {
            int at = r.nextInt(out.length());
            char c = out.charAt(at);
            if (c == '<' || c == '>' || c == '"' || c == '/') {
                out.deleteCharAt(at);
            } else {
                out.insert(at, "<>\"/".charAt(r.nextInt(4)));
            }
        }
        return out.toString();
    }

    private static String junk(Random r, int length) {
        StringBuilder out = new StringBuilder(length);
        char c = JUNK.charAt(r.nextInt(JUNK.length()));
        for (int k = 0; k < length; k++) {
            if (r.nextInt(64) == 0) {
                c = JUNK.charAt(r.nextInt(JUNK.length())); // long runs of one character, as attackers send
            }
            out.append(c);
        }
        return out.toString();
    }

    private static String repeat(String s, int times) {
        return s.repeat(times);
    }

    private static String pick(String[] options, Random r) {
        return options[r.nextInt(options.length)];
    }
}
