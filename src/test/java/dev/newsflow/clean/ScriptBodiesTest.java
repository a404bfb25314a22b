package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScriptBodiesTest {

    private static String emptied(String html) {
        return new String(ScriptBodies.emptied(html.getBytes(StandardCharsets.UTF_8), 0), StandardCharsets.UTF_8);
    }

    @Test
    void emptiesScriptsAndStylesButKeepsJsonLdAndEverythingElse() {
        String html = "<html><head><STYLE type=\"text/css\">p{color:red}</STYLE>"
                + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
                + "<script>var a = '<p>not text</p>'; if (a < b) {}</script></head>"
                + "<body><p>Zürich – café</p><scripts>stay</scripts><script src=\"x.js\"></script></body></html>";
        assertThat(emptied(html)).isEqualTo("<html><head><STYLE type=\"text/css\"></STYLE>"
                + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</script>"
                + "<script></script></head>"
                + "<body><p>Zürich – café</p><scripts>stay</scripts><script src=\"x.js\"></script></body></html>");
    }

    @Test
    void leavesAnUnclosedScriptAndItsTailAloneAndDropsALeadingByteOrderMark() {
        String unclosed = "<p>before</p><script>never closed <p>after</p>";
        assertThat(emptied(unclosed)).isEqualTo(unclosed);
        byte[] withBom = ("\uFEFF<p>x</p><style>a{}</style>").getBytes(StandardCharsets.UTF_8);
        assertThat(new String(ScriptBodies.emptied(withBom, 3), StandardCharsets.UTF_8)).isEqualTo("<p>x</p><style></style>");
    }
}
