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
            String collapsed = collapse(line);
            if (!collapsed.isEmpty()) {
                out.add(collapsed);
            }
        }
        return out;
    }

    private static boolean looksLikeHtml(String s) {
        return s.contains("</p>") || s.contains("<br") || s.contains("</div>") || s.contains("<p>");
    }

    private static String collapse(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00a0') {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.append(c);
            }
        }
        return out.toString().strip();
    }
}
