package dev.newsflow.clean;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * An element's text with white space collapsed, read only up to a limit: checks on short texts
 * (bylines, headings) stay cheap and their patterns bounded however large the element a page makes.
 */
final class BoundedText {
    private BoundedText() {
    }

    /** The text, or null when it runs past {@code maxChars}. */
    static String of(Element e, int maxChars) {
        StringBuilder out = new StringBuilder();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    BlockText.appendCollapsed(out, t.getWholeText(), maxChars);
                    if (out.length() > maxChars) {
                        return FilterResult.STOP;
                    }
                }
                return FilterResult.CONTINUE;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return FilterResult.CONTINUE;
            }
        }, e);
        return out.length() > maxChars ? null : out.toString().strip();
    }
}
