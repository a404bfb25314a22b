package dev.newsflow.clean;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;

/**
 * Paragraphs of the {@code articleBody} a page declares in JSON-LD: usually plain text with line
 * breaks between paragraphs, sometimes HTML.
 */
final class DeclaredBody {
    private DeclaredBody() {
    }

    static List<String> paragraphs(String articleBody) {
        List<String> out = new ArrayList<>();
        if (looksLikeHtml(articleBody)) {
            for (BlockText.Block block : BlockText.blocks(Jsoup.parseBodyFragment(articleBody).body())) {
                if (!block.text().isEmpty()) {
                    out.add(block.text());
                }
            }
            return out;
        }
        for (String line : articleBody.split("\\R")) {
            StringBuilder collapsed = new StringBuilder(line.length());
            BlockText.appendCollapsed(collapsed, line, Integer.MAX_VALUE);
            String paragraph = collapsed.toString().strip();
            if (!paragraph.isEmpty()) {
                out.add(paragraph);
            }
        }
        return out;
    }

    private static boolean looksLikeHtml(String s) {
        return s.contains("</p>") || s.contains("<br") || s.contains("</div>") || s.contains("<p>");
    }
}
