package dev.newsflow.clean;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an HTTP body into text the way browsers do, in order of authority: byte-order mark, then the
 * Content-Type header's charset, then a {@code <meta>} charset in the first bytes, then UTF-8 with a
 * windows-1252 fallback when the bytes are not valid UTF-8. Refuses bodies that are empty, too large
 * or evidently binary.
 */
public final class PageDecoder {
    private static final int SNIFF_BYTES = 4096;
    /** Well-formed multi-byte sequences needed per malformed one for a body to be read as UTF-8 anyway. */
    private static final int MIN_UTF8_EVIDENCE = 10;
    /** How far past any leading white space a page must show a tag to count as markup. */
    static final int MARKUP_SNIFF_CHARS = 1024;
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_CHARSET = Pattern.compile("charset\\s*=\\s*\"?([A-Za-z0-9_.:-]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final int maxBytes;

    public PageDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    public String decode(byte[] body, String contentType) throws CleanFailure {
        if (body == null || body.length == 0) {
            throw new CleanFailure(CleanFailure.Reason.EMPTY_PAGE, "the page body is empty");
        }
        if (body.length > maxBytes) {
            throw new CleanFailure(CleanFailure.Reason.PAGE_TOO_LARGE,
                    "the page has " + body.length + " bytes, over the limit of " + maxBytes);
        }
        rejectNonHtmlContentType(contentType);
        Optional<Charset> bom = byteOrderMark(body);
        if (bom.isEmpty()) {
            rejectBinary(body);
        }
        String head = new String(body, 0, Math.min(body.length, SNIFF_BYTES), StandardCharsets.ISO_8859_1);
        // WHATWG: a <meta> can only be read if the page is ASCII-compatible, so a meta "UTF-16" means UTF-8
        Charset charset = bom.or(() -> charsetFrom(HEADER_CHARSET, contentType))
                .or(() -> charsetFrom(META_CHARSET, head).map(cs -> isUtf16(cs) ? StandardCharsets.UTF_8 : cs))
                .orElse(null);
        int offset = bom.map(cs -> cs.equals(StandardCharsets.UTF_8) ? 3 : 2).orElse(0);
        if (charset == null || charset.equals(StandardCharsets.UTF_8)) {
            // pages that declare UTF-8 but are really Latin-1 are common enough to be worth the check
            byte[] bytes = ScriptBodies.emptied(body, offset);
            return strictUtf8(bytes).orElseGet(() -> new String(bytes, WINDOWS_1252));
        }
        String text = asciiCompatible(charset) && bom.isEmpty()
                ? new String(ScriptBodies.emptied(body, 0), charset)
                : new String(body, offset, body.length - offset, charset);
        if (bom.isEmpty() && looksLikeMarkup(head) && !looksLikeMarkup(text)) {
            throw new CleanFailure(CleanFailure.Reason.WRONG_CHARSET, "the page declares charset " + charset.name()
                    + ", but decoded with it the markup disappears: wrong charset declared");
        }
        return text;
    }

    /** Encodings in which '<' and ASCII letters are always single bytes of their own. */
    private static boolean asciiCompatible(Charset charset) {
        String name = charset.name();
        return !isUtf16(charset) && !name.startsWith("ISO-2022") && !name.equals("UTF-7");
    }

    private static boolean isUtf16(Charset charset) {
        return charset.name().startsWith("UTF-16") || charset.name().startsWith("UTF-32");
    }

    /** A tag or declaration within the first kilobyte: what every HTML page starts with. */
    static boolean looksLikeMarkup(String text) {
        int start = 0;
        while (start < text.length() && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '\uFEFF')) {
            start++; // generated pages can open with kilobytes of blank lines
        }
        int n = Math.min(text.length(), start + MARKUP_SNIFF_CHARS);
        for (int i = start; i < n - 1; i++) {
            if (text.charAt(i) == '<' && (Character.isLetter(text.charAt(i + 1)) || text.charAt(i + 1) == '!')) {
                return true;
            }
        }
        return false;
    }

    private static void rejectNonHtmlContentType(String contentType) throws CleanFailure {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mime = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!(mime.isEmpty() || mime.contains("html") || mime.equals("text/plain")
                || mime.equals("application/octet-stream"))) {
            throw new CleanFailure(CleanFailure.Reason.NOT_HTML, "content type " + mime + " is not HTML");
        }
    }

    /** NUL bytes or many control characters in the head of the body mean it is not text at all. */
    private static void rejectBinary(byte[] body) throws CleanFailure {
        int n = Math.min(body.length, SNIFF_BYTES);
        int control = 0;
        for (int i = 0; i < n; i++) {
            int b = body[i] & 0xff;
            if (b == 0) {
                throw new CleanFailure(CleanFailure.Reason.NOT_HTML, "the body holds NUL bytes: binary, not HTML");
            }
            if (b < 0x09 || (b > 0x0d && b < 0x20) || b == 0x7f) {
                control++;
            }
        }
        if (control * 20 > n) {
            throw new CleanFailure(CleanFailure.Reason.NOT_HTML,
                    control + " control bytes in the first " + n + ": binary, not HTML");
        }
    }

    private static Optional<Charset> byteOrderMark(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return Optional.of(StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return Optional.of(StandardCharsets.UTF_16BE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return Optional.of(StandardCharsets.UTF_16LE);
        }
        return Optional.empty();
    }

    private static Optional<Charset> charsetFrom(Pattern pattern, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        // WHATWG: these labels all mean windows-1252 in practice
        if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii") || name.equals("ascii")) {
            return Optional.of(WINDOWS_1252);
        }
        try {
            return Optional.of(Charset.forName(name));
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return Optional.empty();
        }
    }

    /**
     * The text if the bytes are UTF-8: well-formed, or with a few malformed sequences among many
     * well-formed multi-byte ones (a page in Chinese with one broken character), each malformed
     * byte then read as U+FFFD as browsers do. Latin-1 bytes are almost never well-formed multi-byte
     * UTF-8, so pages in a legacy charset still fall back. The JDK's decoder is fast but replaces
     * malformed bytes silently; only when U+FFFD shows up are the bytes checked one by one (a page
     * may also contain U+FFFD itself).
     */
    private static Optional<String> strictUtf8(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return Optional.of(text);
        }
        Utf8Census census = Utf8Census.of(body);
        return census.malformed() == 0 || census.wellFormedMultiByte() >= census.malformed() * MIN_UTF8_EVIDENCE
                ? Optional.of(text) : Optional.empty();
    }

    /** Well-formed multi-byte sequences and runs of malformed bytes in a body. */
    record Utf8Census(int wellFormedMultiByte, int malformed) {
        static Utf8Census of(byte[] body) {
            int good = 0;
            int bad = 0;
            boolean inBadRun = false;
            int i = 0;
            while (i < body.length) {
                int b = body[i] & 0xff;
                if (b < 0x80) {
                    inBadRun = false;
                    i++;
                    continue;
                }
                int length = sequenceLength(body, i);
                if (length > 0) {
                    good++;
                    inBadRun = false;
                    i += length;
                } else {
                    // one broken character is often several stray bytes (an encoded surrogate is three): one error
                    if (!inBadRun) {
                        bad++;
                    }
                    inBadRun = true;
                    i++;
                }
            }
            return new Utf8Census(good, bad);
        }

        /** The length of the well-formed multi-byte sequence starting at i, or 0 when it is malformed. */
        private static int sequenceLength(byte[] body, int i) {
            int b = body[i] & 0xff;
            int continuation;
            int min;
            if (b >= 0xc2 && b <= 0xdf) {
                continuation = 1;
                min = 0x80;
            } else if (b >= 0xe0 && b <= 0xef) {
                continuation = 2;
                min = 0x800;
            } else if (b >= 0xf0 && b <= 0xf4) {
                continuation = 3;
                min = 0x10000;
            } else {
                return 0;
            }
            if (i + continuation >= body.length) {
                return 0;
            }
            int code = b & (0x3f >> continuation);
            for (int k = 1; k <= continuation; k++) {
                int c = body[i + k] & 0xff;
                if ((c & 0xc0) != 0x80) {
                    return 0;
                }
                code = (code << 6) | (c & 0x3f);
            }
            // overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8
            if (code < min || (code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) {
                return 0;
            }
            return continuation + 1;
        }
    }
}
