package dev.newsflow.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Where readers' comments begin. Blogs and news sites open their comment section with an anchor
 * or container named for it (WordPress {@code #comments}/{@code #respond}, Movable Type, Disqus) or a
 * heading ("Comments", "12 Responses to …", "Leave a Reply"); when the comments sit in the same
 * container as the article, this is the only line between them. The places are marked before the
 * widget passes remove the anchors by their class names, so the text walk can stop there.
 */
final class CommentsStart {
    /** An element that holds nothing, put before each start found. */
    static final String MARKER_TAG = "newsflow-comments";
    /** Only the first few: a page cannot make the marking cost more than a handful of insertions. */
    private static final int MAX_MARKERS = 8;
    private static final int MAX_HEADING_CHARS = 120;
    private static final Pattern ANCHOR = Pattern.compile(
            "(comments?|respond|replies|responses|disqus_thread|discussion|reader-?comments|talkback|"
                    + "comments?[-_](section|area|list|wrapper|container|block|thread|form|title|header)|comments?[-_]?\\d+)",
            Pattern.CASE_INSENSITIVE);
    /** First letters of the anchor names: most ids are ruled out without the pattern. */
    private static final String ANCHOR_START = "cdrt";
    private static final Pattern HEADING = Pattern.compile(
            "(\\d+\\s+)?(comments?|responses?|replies|reader comments|trackbacks?|trackback pings"
                    + "|leave a (comment|reply)|post a comment|add a comment|add your comment|join the discussion"
                    + "|have your say)\\b.{0,80}",
            Pattern.CASE_INSENSITIVE);

    /**
     * "Comment" alone heads a part of the article as often as the readers' section (an opinion
     * section, a list of ways to get press: "Comment", "Briefing", "Access"); the readers' section
     * says how many, or speaks to the reader ("Comments", "3 Comments", "Leave a comment").
     */
    private static final Pattern BARE_COMMENT = Pattern.compile("comment\\W*", Pattern.CASE_INSENSITIVE);

    private CommentsStart() {
    }

    static void mark(Element body) {
        List<Element> starts = new ArrayList<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Element e && e != body && (isAnchor(e) || isHeading(e) || isCommentsTitle(e))) {
                    starts.add(e);
                }
                return starts.size() == MAX_MARKERS ? FilterResult.STOP : FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, body);
        for (Element start : starts) {
            start.before(new Element(MARKER_TAG));
        }
    }

    private static boolean isAnchor(Element e) {
        if (e.attributesSize() == 0) {
            return false;
        }
        String id = e.id().isEmpty() ? e.attr("name") : e.id();
        return !id.isEmpty() && id.length() < 40 && ANCHOR_START.indexOf(Character.toLowerCase(id.charAt(0))) >= 0
                && ANCHOR.matcher(id).matches();
    }

    /** A block named for comments whose text is a comments heading: "Comments (4)" in a div. */
    private static boolean isCommentsTitle(Element e) {
        if (e.attributesSize() == 0 || !BlockText.BLOCK_TAGS.contains(e.normalName())) {
            return false;
        }
        if (!mentionsComments(e.id()) && !mentionsComments(e.className())) {
            return false;
        }
        String text = BoundedText.of(e, MAX_HEADING_CHARS);
        return text != null && HEADING.matcher(text).matches();
    }

    private static boolean mentionsComments(String hint) {
        return hint.contains("omment") || hint.contains("OMMENT");
    }

    private static boolean isHeading(Element e) {
        String tag = e.normalName();
        if (tag.length() != 2 || tag.charAt(0) != 'h' || tag.charAt(1) < '1' || tag.charAt(1) > '6') {
            return false;
        }
        String text = BoundedText.of(e, MAX_HEADING_CHARS);
        return text != null && HEADING.matcher(text).matches() && !BARE_COMMENT.matcher(text).matches();
    }
}
