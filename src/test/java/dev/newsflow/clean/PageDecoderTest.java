package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageDecoderTest {
    private final PageDecoder decoder = new PageDecoder(1000);

    @Test
    void followsBomThenHeaderThenMetaThenUtf8WithLatinFallback() throws Exception {
        String text = "<p>Zürich – café</p>";
        byte[] latin = text.replace("–", "-").getBytes(Charset.forName("windows-1252"));
        assertThat(decoder.decode(("<meta charset=\"iso-8859-1\">" + text.replace("–", "-"))
                .getBytes(Charset.forName("windows-1252")), null)).contains("Zürich - café");
        assertThat(decoder.decode(latin, "text/html; charset=windows-1252")).isEqualTo("<p>Zürich - café</p>");
        assertThat(decoder.decode(latin, null)).as("invalid UTF-8 falls back").isEqualTo("<p>Zürich - café</p>");
        byte[] utf8Bom = concat(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, text.getBytes(StandardCharsets.UTF_8));
        assertThat(decoder.decode(utf8Bom, "text/html; charset=iso-8859-1")).isEqualTo(text);
        byte[] utf16 = concat(new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE));
        assertThat(decoder.decode(utf16, null)).isEqualTo(text);
    }

    @Test
    void onlyWellFormedUtf8IsReadAsUtf8() throws Exception {
        byte[] emoji = "<p>ok \uD83D\uDE00</p>".getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(emoji, null)).isEqualTo("<p>ok \uD83D\uDE00</p>");
        // overlong "/", a UTF-16 surrogate, and a sequence cut short: windows-1252 instead
        for (byte[] bad : new byte[][] {{(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                {(byte) 0xe2, (byte) 0x82}}) {
            byte[] page = concat("<p>".getBytes(StandardCharsets.US_ASCII), bad);
            assertThat(decoder.decode(page, null)).isEqualTo(new String(page, Charset.forName("windows-1252")));
        }
    }

    @Test
    void oneBrokenSequenceInAUtf8PageReplacesThatCharacterNotTheCharset() throws Exception {
        String chinese = "<p>外交部长周日表示，与华盛顿的会谈将恢复。</p>";
        byte[] page = concat(concat(chinese.getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), chinese.getBytes(StandardCharsets.UTF_8));
        String decoded = new PageDecoder(10_000).decode(page, null);
        assertThat(decoded).startsWith(chinese).endsWith(chinese);
        assertThat(decoded.chars().filter(c -> c == '\uFFFD').count()).isBetween(1L, 3L);
        // one sentence of evidence is enough, though the broken character is three stray bytes
        byte[] once = concat(chinese.getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80});
        assertThat(new PageDecoder(10_000).decode(once, null)).startsWith(chinese + "\uFFFD");
    }

    @Test
    void refusesEmptyHugeBinaryAndNonHtmlBodies() {
        assertFailure(new byte[0], null, CleanFailure.Reason.EMPTY_PAGE);
        assertFailure(new byte[1001], null, CleanFailure.Reason.PAGE_TOO_LARGE);
        assertFailure(new byte[] {'<', 'p', 0, 1, 2}, null, CleanFailure.Reason.NOT_HTML);
        assertFailure("%PDF-1.7".getBytes(), "application/pdf", CleanFailure.Reason.NOT_HTML);
    }

    @Test
    void aDeclaredCharsetThatDestroysTheMarkupIsAWrongCharset() throws Exception {
        byte[] ascii = "<html><body><p>Plain ASCII page</p></body></html>".getBytes(StandardCharsets.US_ASCII);
        assertFailure(ascii, "text/html; charset=utf-16le", CleanFailure.Reason.WRONG_CHARSET);
        // a <meta> saying UTF-16 was read from ASCII-compatible bytes, so browsers take it as UTF-8
        byte[] meta = "<meta charset=\"utf-16\"><p>Zürich</p>".getBytes(StandardCharsets.UTF_8);
        assertThat(decoder.decode(meta, null)).contains("Zürich");
    }

    private void assertFailure(byte[] body, String contentType, CleanFailure.Reason reason) {
        assertThatThrownBy(() -> decoder.decode(body, contentType))
                .isInstanceOfSatisfying(CleanFailure.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
