package dev.newsflow.clean;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

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
    private static final Set<String> HIDING_CLASSES = Set.of("hidden", "hide", "is-hidden", "d-none", "invisible",
            "display-none", "displaynone", "u-hidden");
    /** Text a declared article body keeps when widgets inside it go: a few paragraphs. */
    private static final int MIN_DECLARED_BODY_CHARS = 500;
    private static final Set<String> CHROME_TAGS = Set.of("header", "footer", "aside", "menu");
    private static final HintWords NEGATIVE = new HintWords("comment", "share", "sharing", "social", "related",
            "recommend", "promo", "newsletter", "subscri", "signup", "sign-up", "cookie", "consent", "gdpr", "banner",
            "advert", "=ad", "=ads", "sponsor", "outbrain", "taboola", "sidebar", "widget", "breadcrumb", "pagination",
            "pager", "popup", "modal", "overlay", "footer", "masthead", "menu", "navbar", "=nav", "skip", "=print",
            "tag-?list", "=tags", "more-stories", "read-?more", "next-?story", "also-?read", "trending", "most-?popular",
            "most-?read", "author-?bio", "author-?info", "author_info", "author-?box", "about-?the-?author",
            "about-?author", "author-?details", "author-?profile", "disclaimer", "copyright", "toolbar", "rating",
            "paywall", "login", "byline", "dateline", "caption", "credit", "meta-?data", "post-?meta", "article-?meta",
            "push", "app-?promo", "download", "follow", "hidden", "visually-?hidden", "sr-only", "teaser", "card",
            "=rail", "carousel", "slider", "gallery", "video", "player", "embed", "inline-?link", "see-?also", "more-?on",
            "read-?next", "jump", "=toc", "table-of-contents", "=icon", "badge", "kicker", "eyebrow");
    /** The classes of the blockquotes that social networks' embed codes publish the post's text in. */
    private static final HintWords EMBEDDED_POST = new HintWords("twitter-tweet", "twitter-video", "instagram-media",
            "tiktok-embed", "bluesky-embed", "text-post-media", "reddit-embed", "fb-xfbml-parse-ignore");
    private static final HintWords ASIDE_REGION = new HintWords("comment", "sidebar", "=side", "disqus", "respond",
            "replies", "discussion", "widget", "=header", "masthead", "slideshow", "gallery", "carousel", "promo");
    private static final double ASIDE_REGION_FACTOR = 0.3;
    private static final int MAX_WIDEN_LEVELS = 4;
    private static final HintWords POSITIVE = new HintWords("article", "body", "content", "entry", "main", "post",
            "story", "text", "blog", "prose", "paragraph", "rich-?text", "page-?content");
    private static final Pattern BOILERPLATE_LINE = Pattern.compile(
            "^(next story|previous story|read more|read next|read also|also read|related|recommended|share( this)?"
                    + "|send push|download the app|get the app|download our app|sign up|subscribe|follow us"
                    + "|advertisement|sponsored|click here|watch:|listen:|see also|more from|more:|photo:|image:"
                    + "|copyright|all rights reserved|\\(c\\)|©|comments?|leave a comment|tags?:|topics?:"
                    + "|filed under|posted in|loading|skip to|jump to|back to top|print|email|whatsapp|facebook"
                    + "|twitter|linkedin|reddit|pinterest|telegram)\\b.{0,80}$",
            Pattern.CASE_INSENSITIVE);

    /** About ten words outside the links. */
    private static final int MIN_OWN_CHARS_OF_LINKED_SENTENCE = 60;

    /** A comments heading this early is a link to the comments (at the top of the article), not their start. */
    private static final int MIN_TEXT_BEFORE_COMMENTS = 200;

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
        CommentsStart.mark(body);
        if (byHints) {
            int totalText = textLength(body);
            removeChrome(body, totalText);
            removeNegativeWidgets(body, totalText);
        }
        List<Element> containers = bestContainers(body);
        if (containers.isEmpty()) {
            return paragraphs(body);
        }
        List<String> out = new ArrayList<>();
        containers.forEach(c -> out.addAll(paragraphs(c)));
        return out;
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
        NodeRemoval.removeAll(doomed);
    }

    private static boolean isNeverContent(Element e) {
        if (ALWAYS_REMOVED_TAGS.contains(e.normalName())) {
            return true;
        }
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.hasAttr("hidden") || e.attr("aria-hidden").equals("true")
                || ALWAYS_REMOVED_ROLES.contains(e.attr("role")) || hasHidingClass(e)) {
            return true;
        }
        String style = e.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        style = style.replace(" ", "").toLowerCase(Locale.ROOT);
        return style.contains("display:none") || style.contains("visibility:hidden");
    }

    /**
     * The class names style sheets use to hide an element (a page's second copy of the story, a
     * template for scripts): as hidden as {@code display:none}. Whole class names only, as CSS matches
     * them: "hidden-xs" hides on small screens alone, and "overflow-hidden" hides nothing.
     */
    private static boolean hasHidingClass(Element e) {
        String classes = e.className();
        if (classes.indexOf("hid") < 0 && classes.indexOf("none") < 0 && classes.indexOf("invisible") < 0) {
            return false; // most elements: spared the split
        }
        for (String name : classes.split("\\s+")) {
            if (HIDING_CLASSES.contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** Page header/footer/aside go, unless a page wraps its whole article in one of them. */
    private static void removeChrome(Element body, int totalText) {
        removeSmall(body, e -> CHROME_TAGS.contains(e.normalName()), totalText * 0.3);
    }

    private static void removeNegativeWidgets(Element body, int totalText) {
        Predicate<Element> widget = widgetByHints();
        removeSmall(body, widget, totalText * 0.3);
        removeWidgetsInDeclaredBody(body, widget);
    }

    private static Predicate<Element> widgetByHints() {
        // pages repeat the same class names hundreds of times: decide each once
        Map<String, Boolean> widgetHints = new HashMap<>();
        // a table row's class names describe its data ("oddrow player-2020-580" in a standings table)
        return e -> {
            String tag = e.normalName();
            if (tag.equals("article") || tag.equals("main") || tag.equals("tr")) {
                return false;
            }
            String hints = hints(e);
            return !hints.isBlank() && widgetHints.computeIfAbsent(hints,
                    h -> NEGATIVE.foundIn(h) && !POSITIVE.foundIn(h));
        };
    }

    /**
     * Inside the element the page marks as its article body, a widget goes whatever its size (a
     * slideshow of thirty stories below a short one), as long as the body keeps text of its own: the
     * page has said where the story is, so a long widget there cannot be the story.
     */
    private static void removeWidgetsInDeclaredBody(Element body, Predicate<Element> widget) {
        for (Element declared : body.getElementsByAttributeValueContaining("itemprop", "articleBody")) {
            if (declared.parent() == null) {
                continue; // inside a widget already removed
            }
            int kept = textLength(declared);
            List<Element> doomed = new ArrayList<>();
            for (Element e : declared.getAllElements()) {
                if (e == declared || !widget.test(e) || doomed.stream().anyMatch(d -> isAncestor(d, e))
                        || !e.getElementsByAttributeValueContaining("itemprop", "articleBody").isEmpty()) {
                    continue; // a widget inside one already going, or one that holds a declared body itself
                }
                int chars = textLength(e);
                if (kept - chars >= MIN_DECLARED_BODY_CHARS && !isMostlyAnEmbeddedPost(e, chars)) {
                    doomed.add(e);
                    kept -= chars;
                }
            }
            NodeRemoval.removeAll(doomed);
        }
    }

    /**
     * Removes the elements below body that the predicate picks and whose text is shorter than
     * {@code maxChars}, outermost first, in one walk and a bulk removal: lengths are summed from the
     * leaves up, and an element picked for removal drops the picks inside it. Linear however deep
     * or wide the page nests them (330,000 nested asides). Nothing that holds the declared article
     * body goes, whatever its class names say (a share-bar wrapper around the whole story), nor a
     * wrapper that is mostly a social network's post quoted in the story ("social-media-embed"
     * around a tweet): the reactions a report is about are text it quotes, not the page's widgets.
     */
    private static void removeSmall(Element root, Predicate<Element> picked, double maxChars) {
        List<Element> doomed = new ArrayList<>();
        NodeTraversor.traverse(new NodeVisitor() {
            private int[] length = new int[64];
            private int[] doomedBefore = new int[64];
            private boolean[] holdsBody = new boolean[64];
            private int[] quoted = new int[64];
            private int depth = -1;

            @Override
            public void head(Node node, int d) {
                if (node instanceof Element) {
                    if (++depth == length.length) {
                        length = Arrays.copyOf(length, depth * 2);
                        doomedBefore = Arrays.copyOf(doomedBefore, depth * 2);
                        holdsBody = Arrays.copyOf(holdsBody, depth * 2);
                        quoted = Arrays.copyOf(quoted, depth * 2);
                    }
                    length[depth] = 0;
                    doomedBefore[depth] = doomed.size();
                    holdsBody[depth] = false;
                    quoted[depth] = 0;
                } else if (node instanceof TextNode text && depth >= 0) {
                    length[depth] += visibleChars(text.getWholeText());
                }
            }

            @Override
            public void tail(Node node, int d) {
                if (node instanceof Element e) {
                    int chars = length[depth];
                    int before = doomedBefore[depth];
                    boolean body = holdsBody[depth] || isDeclaredBody(e);
                    int quotedChars = isEmbeddedPost(e) ? chars : quoted[depth];
                    depth--;
                    if (depth >= 0) {
                        length[depth] += chars;
                        holdsBody[depth] |= body;
                        quoted[depth] += quotedChars;
                    }
                    if (e != root && !body && !isMostlyQuotedPost(quotedChars, chars) && chars < maxChars
                            && picked.test(e)) {
                        doomed.subList(before, doomed.size()).clear();
                        doomed.add(e);
                    }
                }
            }
        }, root);
        NodeRemoval.removeAll(doomed);
    }

    /** The same test for one element of {@code chars} characters, outside {@code removeSmall}'s walk. */
    private static boolean isMostlyAnEmbeddedPost(Element e, int chars) {
        int quoted = 0;
        for (Element quote : e.getElementsByTag("blockquote")) {
            if (isEmbeddedPost(quote)) {
                quoted += textLength(quote);
            }
        }
        return isMostlyQuotedPost(quoted, chars);
    }

    /** Whether at least half of an element's text is social networks' posts quoted in the story. */
    private static boolean isMostlyQuotedPost(int quotedChars, int chars) {
        return quotedChars > 0 && quotedChars * 2 >= chars;
    }

    /** The blockquote a social network's embed code publishes a post's text in. */
    private static boolean isEmbeddedPost(Element e) {
        return e.normalName().equals("blockquote") && e.attributesSize() > 0 && EMBEDDED_POST.foundIn(hints(e));
    }

    /** The page's own mark on its article text (schema.org microdata), which no class name overrides. */
    private static boolean isDeclaredBody(Element e) {
        return e.attributesSize() > 0 && e.attr("itemprop").contains("articleBody");
    }

    /**
     * Readability-style: paragraph scores flow to parent (full) and grandparent (half); the best
     * adjusted score wins, widened to its parent when its siblings hold a good share of the text.
     * Other containers built exactly like the winner (same tag and classes, in other branches of the
     * page) that score well join it in page order: an article cut into sections by a page template.
     */
    private static List<Element> bestContainers(Element body) {
        ParagraphScores.Scores paragraphScores = ParagraphScores.of(body, ArticleExtractor::initialScore);
        Map<Element, Double> scores = paragraphScores.total();
        List<Element> all = body.getAllElements();
        Element best = null;
        double bestScore = 0;
        // in page order, so that of two equal scores the same one always wins
        for (Element candidate : all) {
            Double score = scores.get(candidate);
            if (score == null || score <= bestScore) {
                continue; // links and an aside region only lower a score: this one cannot win
            }
            double adjusted = score * (1 - linkDensity(candidate));
            if (adjusted > bestScore && insideAsideRegion(candidate)) {
                adjusted *= ASIDE_REGION_FACTOR;
            }
            if (adjusted > bestScore) {
                bestScore = adjusted;
                best = candidate;
            }
        }
        if (best == null) {
            return List.of();
        }
        Element winner = widen(best, paragraphScores, bestScore);
        List<Element> containers = new ArrayList<>();
        for (Element e : all) {
            boolean related = e == winner || (!winner.className().isEmpty() && sameKind(e, winner)
                    && scores.getOrDefault(e, 0.0) > bestScore * 0.25
                    && !isAncestor(e, winner) && !isAncestor(winner, e));
            if (related) {
                containers.add(e);
            }
        }
        return containers;
    }

    /**
     * Whether an element sits in a sidebar or a comment section: text there is readers' or the
     * site's, not the article's, however long it runs (a story with hundreds of comments).
     */
    private static boolean insideAsideRegion(Element candidate) {
        for (Element e = candidate; e != null && !e.normalName().equals("body"); e = e.parent()) {
            if (e.attributesSize() > 0) {
                String hints = hints(e);
                if (ASIDE_REGION.foundIn(hints) && !POSITIVE.foundIn(hints)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isAncestor(Element ancestor, Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * Articles split into several containers (ads in between, an intro before a boxed part) lose
     * paragraphs when only the best one is kept: climb to an ancestor when its other children and
     * its own text carry a good share of the score. Wrappers that add nothing are climbed through
     * without taking them, to reach paragraphs written straight into the article's container before a
     * boxed part (an intro, or the whole story above a longer press release); anything smaller than a
     * good share stops the climb.
     */
    private static Element widen(Element best, ParagraphScores.Scores scores, double bestScore) {
        Element winner = best;
        Element current = best;
        for (int level = 0; level < MAX_WIDEN_LEVELS && current.parent() != null
                && !current.normalName().equals("body"); level++) {
            Element parent = current.parent();
            double own = scores.directOf(parent);
            double added = own;
            for (Element sibling : parent.children()) {
                if (sibling != current) {
                    added += scores.of(sibling);
                }
            }
            boolean throughWrappers = current != winner;
            // past a wrapper, only paragraphs the ancestor holds itself count (its text, its <p>s): other
            // containers there are listings as often as parts
            if ((throughWrappers ? scores.heldBy(parent) : added) > bestScore * 0.25) {
                winner = parent;
            } else if (added > 0) {
                break;
            }
            current = parent;
        }
        return winner;
    }

    private static boolean sameKind(Element a, Element b) {
        return a.normalName().equals(b.normalName()) && a.className().equals(b.className());
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
        String hints = hints(e);
        if (!hints.isBlank()) {
            if (NEGATIVE.foundIn(hints)) {
                score -= 25;
            }
            if (POSITIVE.foundIn(hints)) {
                score += 25;
            }
        }
        if (isDeclaredBody(e)) {
            score += 50;
        }
        return score;
    }

    /** Characters of text other than white space under an element: a measure of its text without building it. */
    private static int textLength(Element e) {
        int[] chars = new int[1];
        NodeTraversor.traverse((node, depth) -> {
            if (node instanceof TextNode text) {
                chars[0] += visibleChars(text.getWholeText());
            }
        }, e);
        return chars[0];
    }

    private static int visibleChars(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // printable ASCII, most of any page's text, needs no look-up in the Unicode tables
            if ((c > ' ' && c < 0x7f) || !Character.isWhitespace(c)) {
                n++;
            }
        }
        return n;
    }

    /** Class and id, lower-cased, as the hint words are written. */
    private static String hints(Element e) {
        return (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
    }

    /** Share of the text inside links, counted in one walk without building the text. */
    private static double linkDensity(Element e) {
        int[] chars = new int[2];
        NodeTraversor.traverse(new NodeVisitor() {
            private int linkDepth = -1;

            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    int n = visibleChars(text.getWholeText());
                    chars[0] += n;
                    if (linkDepth >= 0) {
                        chars[1] += n;
                    }
                } else if (linkDepth < 0 && node instanceof Element el && el.normalName().equals("a")) {
                    linkDepth = depth;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (depth == linkDepth) {
                    linkDepth = -1;
                }
            }
        }, e);
        return chars[0] == 0 ? 0 : Math.min(1, (double) chars[1] / chars[0]);
    }

    private static List<String> paragraphs(Element container) {
        List<String> out = new ArrayList<>();
        int chars = 0;
        for (BlockText.Block block : BlockText.blocks(container)) {
            if (block.startsComments()) {
                if (chars >= MIN_TEXT_BEFORE_COMMENTS) {
                    break; // readers' comments follow the article in the same container
                }
                continue;
            }
            String text = block.text();
            if (block.linkDensity() > 0.5 && text.length() < 300 && !isLinkedSentence(block)) {
                continue;
            }
            if (BOILERPLATE_LINE.matcher(text).find()) {
                continue;
            }
            if (!block.isHeading() && !block.isListOrTableItem() && text.length() < 20 && !endsSentence(text)) {
                continue;
            }
            out.add(text);
            chars += text.length();
        }
        return out;
    }

    /**
     * A sentence of the writer's own with most of its words linked ("you'll like other casual games,
     * like Apples to Apples, Cards Against Humanity, and the three we played."): prose, not a link list,
     * whose items are headlines with little text around them.
     */
    private static boolean isLinkedSentence(BlockText.Block block) {
        String text = block.text();
        return text.length() - block.linkChars() >= MIN_OWN_CHARS_OF_LINKED_SENTENCE && endsSentence(text);
    }

    private static boolean endsSentence(String text) {
        char last = text.charAt(text.length() - 1);
        return last == '.' || last == '!' || last == '?' || last == '"' || last == '”' || last == '»' || last == '。';
    }
}
