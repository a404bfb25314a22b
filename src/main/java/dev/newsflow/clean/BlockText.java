package dev.newsflow.clean;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Splits an element's text into the paragraphs a reader sees: a new block starts at every
 * block-level element and at {@code <br>}, and each block remembers how much of it was link text.
 */
final class BlockText {
    static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "h1", "h2", "h3", "h4",
            "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "td", "th", "figure",
            "figcaption", "header", "footer", "aside", "nav", "address", "hr", "br", "center", "details", "summary");

    record Block(String text, int linkChars, String tag) {
        double linkDensity() {
            return text.isEmpty() ? 0 : (double) linkChars / text.length();
        }

        boolean isHeading() {
            return tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1));
        }

        /** Items of a list or cells of a table in the article: short by nature (ingredients, results, places). */
        boolean isListOrTableItem() {
            return tag.equals("li") || tag.equals("dd") || tag.equals("dt") || tag.equals("td") || tag.equals("th");
        }

        /** Whether the comment section starts here (see {@link CommentsStart}). */
        boolean startsComments() {
            return tag.equals(CommentsStart.MARKER_TAG);
        }
    }

    private BlockText() {
    }

    /**
     * Appends text as a reader sees it: every run of white space (no-break spaces too) one space,
     * none at the start. Stops once {@code out} is longer than {@code maxLength}.
     */
    static void appendCollapsed(StringBuilder out, String s, int maxLength) {
        for (int i = 0; i < s.length() && out.length() <= maxLength; i++) {
            char c = s.charAt(i);
            if (!(Character.isWhitespace(c) || c == '\u00a0')) {
                out.append(c);
            } else if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                out.append(' ');
            }
        }
    }

    static List<Block> blocks(Element root) {
        Collector collector = new Collector();
        NodeTraversor.traverse(collector, root);
        collector.flush();
        return collector.blocks;
    }

    private static final class Collector implements NodeVisitor {
        final List<Block> blocks = new ArrayList<>();
        final StringBuilder current = new StringBuilder();
        int linkChars;
        int linkDepth;
        String blockTag = "p";

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                String s = text.text();
                if (s.isBlank()) {
                    if (current.length() > 0 && current.charAt(current.length() - 1) != ' ') {
                        current.append(' ');
                    }
                    return;
                }
                int before = current.length();
                appendCollapsed(current, s, Integer.MAX_VALUE);
                if (linkDepth > 0) {
                    linkChars += current.length() - before;
                }
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals(CommentsStart.MARKER_TAG)) {
                    flush();
                    blocks.add(new Block("", 0, tag));
                }
                if (BLOCK_TAGS.contains(tag)) {
                    flush();
                    blockTag = tag;
                } else if (tag.equals("a")) {
                    linkDepth++;
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (BLOCK_TAGS.contains(tag)) {
                    flush();
                    blockTag = "p";
                } else if (tag.equals("a")) {
                    linkDepth--;
                }
            }
        }

        void flush() {
            String text = current.toString().trim();
            if (!text.isEmpty()) {
                blocks.add(new Block(text, Math.min(linkChars, text.length()), blockTag));
            }
            current.setLength(0);
            linkChars = 0;
        }
    }
}
