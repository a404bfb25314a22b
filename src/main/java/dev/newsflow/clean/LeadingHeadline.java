package dev.newsflow.clean;

import java.util.List;

/**
 * The headline belongs in the title, not again as the first paragraph of the text, where it would
 * count every name in it twice. A leading paragraph that reads the same as the page's title or its
 * {@code <h1>} (case, punctuation and spacing aside) is dropped.
 */
final class LeadingHeadline {
    /** Pages put a kicker or a date line before the headline at most this often. */
    private static final int LOOK_AHEAD = 2;

    private LeadingHeadline() {
    }

    static List<String> removed(List<String> paragraphs, PageMetadata meta) {
        String title = meta.title().map(ArticleCleaner::normalizedForHash).orElse("");
        String headline = meta.headline().map(ArticleCleaner::normalizedForHash).orElse("");
        for (int i = 0; i < Math.min(LOOK_AHEAD, paragraphs.size()); i++) {
            String p = paragraphs.get(i);
            if (p.length() > 400) {
                break;
            }
            String folded = ArticleCleaner.normalizedForHash(p);
            if (!folded.isEmpty() && (folded.equals(title) || folded.equals(headline))) {
                List<String> out = new java.util.ArrayList<>(paragraphs);
                out.remove(i);
                return out;
            }
        }
        return paragraphs;
    }
}
