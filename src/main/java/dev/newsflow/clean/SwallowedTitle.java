package dev.newsflow.clean;

import java.util.Locale;
import org.jsoup.nodes.Document;

/**
 * A {@code <title>} whose end tag is damaged ({@code </titel>}, {@code </title} cut off) makes the
 * HTML parser read the rest of the page as the title's text, leaving an empty body. Such a title is
 * closed where its first tag starts, and the page parsed again.
 */
final class SwallowedTitle {
    /** Longer than any real title and any title's worth of stray markup. */
    private static final int MAX_TITLE_CHARS = 1000;

    private SwallowedTitle() {
    }

    static boolean isSwallowed(Document doc) {
        String title = doc.title();
        return title.length() > MAX_TITLE_CHARS || (title.indexOf('<') >= 0 && containsTag(title));
    }

    private static boolean containsTag(String title) {
        String lower = title.toLowerCase(Locale.ROOT);
        return lower.contains("</head") || lower.contains("<body") || lower.contains("<meta") || lower.contains("<div")
                || lower.contains("<script") || lower.contains("<link") || lower.contains("<p>");
    }

    /** The page with its title closed before the first tag that follows the title's text. */
    static String repaired(String html) {
        int open = indexOfIgnoreCase(html, "<title", 0);
        if (open < 0) {
            return html;
        }
        int textStart = html.indexOf('>', open);
        if (textStart < 0) {
            return html;
        }
        int firstTag = html.indexOf('<', textStart + 1);
        if (firstTag < 0) {
            return html;
        }
        return html.substring(0, firstTag) + "</title>" + html.substring(firstTag);
    }

    private static int indexOfIgnoreCase(String s, String needle, int from) {
        for (int i = from; i + needle.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, needle, 0, needle.length())) {
                return i;
            }
        }
        return -1;
    }
}
