package dev.newsflow.clean;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * The byline a reader sees ("By Anna Petrova", "By Anna Petrova and Ivan Sokolov, Reuters") when a
 * page has no author metadata: the first text starting with "By" whose element (or its parent, when
 * the names are links beside it) reads as "By" and one to three capitalised names. Texts are read
 * only up to a short limit, so the work per page stays linear and the pattern's bounded.
 */
final class VisibleByline {
    private static final int MAX_CHARS = 120;
    private static final String NAME = "\\p{Lu}[\\p{L}'’.-]*(?:\\s+\\p{Lu}[\\p{L}'’.-]*){1,3}";
    private static final Pattern BYLINE = Pattern.compile(
            "(?:by|BY|By)\\s+(" + NAME + "(?:\\s*(?:,|&|\\band\\b)\\s*" + NAME + "){0,2})\\s*(?:[,|·•–—-].{0,60})?");

    private VisibleByline() {
    }

    static Optional<String> find(Document doc) {
        if (doc.body() == null) {
            return Optional.empty();
        }
        String[] found = new String[1];
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode text && startsWithBy(text.getWholeText())) {
                    Element holder = (Element) text.parent();
                    for (int level = 0; level < 2 && holder != null && found[0] == null; level++) {
                        String read = BoundedText.of(holder, MAX_CHARS);
                        if (read == null) {
                            break;
                        }
                        Matcher m = BYLINE.matcher(read);
                        if (m.matches()) {
                            found[0] = m.group(1);
                        }
                        holder = holder.parent();
                    }
                }
                return found[0] == null ? FilterResult.CONTINUE : FilterResult.STOP;
            }

            @Override
            public FilterResult tail(Node node, int depth) {
                return found[0] == null ? FilterResult.CONTINUE : FilterResult.STOP;
            }
        }, doc.body());
        return Optional.ofNullable(found[0]);
    }

    private static boolean startsWithBy(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return s.regionMatches(true, i, "by", 0, 2) && (i + 2 == s.length() || Character.isWhitespace(s.charAt(i + 2)));
    }
}
