package dev.newsflow.clean;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Finds the main text of an article page. Boilerplate is removed in three passes, coarse to fine:
 * page chrome by tag and visibility, widgets by class/id hints, then the densest text container is
 * chosen by paragraph scores (text length, commas, link density, hints) and its blocks are kept
 * only when they read like prose or headings rather than promos, share bars or link lists.
 */
public final class ArticleExtractor {
    private static final Set<String> ALWAYS_REMOVED_TAGS = Set.of("script", "style", "noscript", "template", "svg",
            "canvas", "iframe", "object", "embed", "button", "input", "select", "textarea", "label", "nav", "dialog",
            "figcaption");
    private static final Set<String> ALWAYS_REMOVED_ROLES = Set.of("navigation", "complementary", "dialog", "alert",
            "banner", "contentinfo");
    private static final String CHROME = "header, footer, aside, menu";
    private static final Pattern NEGATIVE = Pattern.compile(
            "comment|share|sharing|social|related|recommend|promo|newsletter|subscri|signup|sign-up|cookie|consent"
                    + "|gdpr|banner|advert|(^|[-_ ])ads?($|[-_ ])|sponsor|outbrain|taboola|sidebar|widget|breadcrumb"
                    + "|pagination|pager|popup|modal|overlay|footer|masthead|menu|navbar|(^|[-_ ])nav($|[-_ ])|skip"
                    + "|print|tag-?list|(^|[-_ ])tags($|[-_ ])|more-stories|read-?more|next-?story|also-?read|trending"
                    + "|most-?(popular|read)|author-?bio|disclaimer|copyright|toolbar|rating|paywall|login|byline"
                    + "|dateline|caption|credit|meta-?data|post-?meta|article-?meta|push|app-?promo|download|follow"
                    + "|hidden|visually-?hidden|sr-only|teaser|card|rail|carousel|slider|gallery|video|player|embed"
                    + "|inline-?link|see-?also|more-?on|read-?next|jump|toc|table-of-contents|icon|badge|kicker|eyebrow",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern POSITIVE = Pattern.compile(
            "article|body|content|entry|main|post|story|text|blog|prose|paragraph|rich-?text|page-?content",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern BOILERPLATE_LINE = Pattern.compile(
            "^(next story|previous story|read more|read next|read also|also read|related|recommended|share( this)?"
                    + "|send push|download the app|get the app|download our app|sign up|subscribe|follow us"
                    + "|advertisement|sponsored|click here|watch:|listen:|see also|more from|more:|photo:|image:"
                    + "|copyright|all rights reserved|\\(c\\)|©|comments?|leave a comment|tags?:|topics?:"
                    + "|filed under|posted in|loading|skip to|jump to|back to top|print|email|whatsapp|facebook"
                    + "|twitter|linkedin|reddit|pinterest|telegram)\\b.{0,80}$",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> PARAGRAPH_TAGS = Set.of("p", "pre", "blockquote", "td", "li", "h2", "h3", "h4", "dd");

    /** The paragraphs of the main text, in reading order; empty when none was found. Changes the document. */
    public List<String> extract(Document doc) {
        return extract(doc, true);
    }

    /**
     * Without {@code byHints}, page chrome and class/id hints are left alone: the second try for
     * pages whose article sits inside something that looks like a widget by its class names.
     */
    public List<String> extract(Document doc, boolean byHints) {
        Element body = doc.body();
        if (body == null) {
            return List.of();
        }
        removeNeverContent(body);
        if (byHints) {
            int totalText = body.text().length();
            removeChrome(body, totalText);
            removeNegativeWidgets(body, totalText);
        }
        Element container = bestContainer(body);
        return paragraphs(container == null ? body : container);
    }

    /**
     * Scripts, forms, navigation, dialogs and anything hidden: never article text. One pass with
     * plain checks, several times faster than the equivalent jsoup selector list on large pages.
     */
    private static void removeNeverContent(Element body) {
        List<Element> doomed = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e != body && isNeverContent(e)) {
                doomed.add(e);
            }
        }
        doomed.forEach(Element::remove);
    }

    private static boolean isNeverContent(Element e) {
        if (ALWAYS_REMOVED_TAGS.contains(e.normalName())) {
            return true;
        }
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.hasAttr("hidden") || e.attr("aria-hidden").equals("true")
                || ALWAYS_REMOVED_ROLES.contains(e.attr("role"))) {
            return true;
        }
        String style = e.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        style = style.replace(" ", "").toLowerCase(Locale.ROOT);
        return style.contains("display:none") || style.contains("visibility:hidden");
    }

    /** Page header/footer/aside go, unless a page wraps its whole article in one of them. */
    private static void removeChrome(Element body, int totalText) {
        for (Element e : body.select(CHROME)) {
            if (e.parent() != null && e.text().length() < totalText * 0.3) {
                e.remove();
            }
        }
    }

    private static void removeNegativeWidgets(Element body, int totalText) {
        // pages repeat the same class names hundreds of times: decide each once
        Map<String, Boolean> widgetHints = new HashMap<>();
        List<Element> doomed = new ArrayList<>();
        for (Element e : body.getAllElements()) {
            if (e == body || e.normalName().equals("article") || e.normalName().equals("main")) {
                continue;
            }
            String hints = e.className() + " " + e.id();
            if (hints.isBlank()) {
                continue;
            }
            boolean widget = widgetHints.computeIfAbsent(hints,
                    h -> NEGATIVE.matcher(h).find() && !POSITIVE.matcher(h).find());
            if (widget && e.text().length() < totalText * 0.3) {
                doomed.add(e);
            }
        }
        doomed.forEach(Element::remove);
    }

    /** Readability-style: paragraph scores flow to parent (full) and grandparent (half); best adjusted score wins. */
    private static Element bestContainer(Element body) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element p : body.getAllElements()) {
            if (!isParagraph(p)) {
                continue;
            }
            String text = p.text();
            if (text.length() < 25) {
                continue;
            }
            double score = 1 + commas(text) + Math.min(text.length() / 100.0, 3);
            Element parent = p.parent();
            int level = 0;
            while (parent != null && level < 3) {
                double share = level == 0 ? 1 : level == 1 ? 0.5 : 0.25;
                scores.merge(parent, score * share + (scores.containsKey(parent) ? 0 : initialScore(parent)), Double::sum);
                parent = parent.parent();
                level++;
            }
        }
        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Double> entry : scores.entrySet()) {
            Element candidate = entry.getKey();
            double adjusted = entry.getValue() * (1 - linkDensity(candidate));
            if (adjusted > bestScore) {
                bestScore = adjusted;
                best = candidate;
            }
        }
        return best == null ? null : widen(best, scores, bestScore);
    }

    /**
     * Articles split into several sibling containers (ads in between) lose paragraphs when only the
     * best one is kept; climb to the parent when siblings carry a good share of the score.
     */
    private static Element widen(Element best, Map<Element, Double> scores, double bestScore) {
        Element current = best;
        for (int i = 0; i < 3 && current.parent() != null && !current.normalName().equals("body"); i++) {
            double siblingScore = 0;
            for (Element sibling : current.parent().children()) {
                if (sibling != current) {
                    siblingScore += scores.getOrDefault(sibling, 0.0);
                }
            }
            if (siblingScore > bestScore * 0.25) {
                current = current.parent();
            } else {
                break;
            }
        }
        return current;
    }

    private static boolean isParagraph(Element e) {
        String tag = e.normalName();
        if (PARAGRAPH_TAGS.contains(tag)) {
            return true;
        }
        // divs used as paragraphs: text of their own and no block children
        return tag.equals("div") && e.ownText().length() > 40 && e.select("p, div, table, ul").size() == 0;
    }

    private static double initialScore(Element e) {
        double score = switch (e.normalName()) {
            case "article" -> 10;
            case "div", "main", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        String hints = e.className() + " " + e.id();
        if (!hints.isBlank()) {
            if (NEGATIVE.matcher(hints).find()) {
                score -= 25;
            }
            if (POSITIVE.matcher(hints).find()) {
                score += 25;
            }
        }
        if (e.hasAttr("itemprop") && e.attr("itemprop").contains("articleBody")) {
            score += 50;
        }
        return score;
    }

    private static double linkDensity(Element e) {
        int total = e.text().length();
        if (total == 0) {
            return 0;
        }
        int links = 0;
        Elements anchors = e.select("a");
        for (Element a : anchors) {
            links += a.text().length();
        }
        return Math.min(1, (double) links / total);
    }

    private static int commas(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、') {
                n++;
            }
        }
        return n;
    }

    private static List<String> paragraphs(Element container) {
        List<String> out = new ArrayList<>();
        for (BlockText.Block block : BlockText.blocks(container)) {
            String text = block.text();
            if (block.linkDensity() > 0.5 && text.length() < 300) {
                continue;
            }
            if (BOILERPLATE_LINE.matcher(text).find()) {
                continue;
            }
            if (!block.isHeading() && text.length() < 20 && !endsSentence(text)) {
                continue;
            }
            out.add(text);
        }
        return out;
    }

    private static boolean endsSentence(String text) {
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?' || last == '"' || last == '”' || last == '»' || last == '。';
    }
}
