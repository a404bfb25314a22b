package dev.newsflow.clean;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Empties {@code <script>} and {@code <style>} elements before decoding and parsing, keeping
 * JSON-LD: on news pages they are half of the bytes (inline bundles, state blobs, CSS), never
 * article text, and decoding and parsing them costs time for nothing. Works on the bytes of
 * ASCII-compatible encodings, where '<' and tag names are single bytes that never occur inside a
 * multi-byte character.
 */
final class ScriptBodies {
    private static final byte[][] RAW_TEXT_TAGS = {ascii("script"), ascii("style")};
    private static final byte[] JSON_LD = ascii("ld+json");

    private ScriptBodies() {
    }

    /** The bytes from {@code from} on, with script and style contents removed. */
    static byte[] emptied(byte[] page, int from) {
        byte[] out = null;
        int written = 0;
        int copied = from;
        int i = indexOf(page, (byte) '<', from);
        while (i >= 0) {
            byte[] tag = rawTextTagAt(page, i);
            if (tag == null) {
                i = indexOf(page, (byte) '<', i + 1);
                continue;
            }
            int openEnd = indexOf(page, (byte) '>', i);
            int close = openEnd < 0 ? -1 : closingTag(page, tag, openEnd + 1);
            if (close < 0) {
                break;
            }
            boolean jsonLd = tag == RAW_TEXT_TAGS[0] && indexOfIgnoreCase(page, JSON_LD, i, openEnd) >= 0;
            if (!jsonLd && close > openEnd + 1) {
                if (out == null) {
                    out = new byte[page.length - from];
                }
                int n = openEnd + 1 - copied;
                System.arraycopy(page, copied, out, written, n);
                written += n;
                copied = close;
            }
            i = indexOf(page, (byte) '<', close + 1);
        }
        if (out == null) {
            return from == 0 ? page : Arrays.copyOfRange(page, from, page.length);
        }
        System.arraycopy(page, copied, out, written, page.length - copied);
        return Arrays.copyOf(out, written + page.length - copied);
    }

    private static byte[] rawTextTagAt(byte[] page, int lt) {
        for (byte[] tag : RAW_TEXT_TAGS) {
            int end = lt + 1 + tag.length;
            if (end < page.length && equalsIgnoreCase(page, lt + 1, tag)) {
                byte next = page[end];
                if (next == '>' || next == '/' || next == ' ' || next == '\t' || next == '\n' || next == '\r') {
                    return tag;
                }
            }
        }
        return null;
    }

    /** The index of "&lt;/tag" after {@code from}, or -1. */
    private static int closingTag(byte[] page, byte[] tag, int from) {
        for (int i = indexOf(page, (byte) '<', from); i >= 0; i = indexOf(page, (byte) '<', i + 1)) {
            if (i + 2 + tag.length <= page.length && page[i + 1] == '/' && equalsIgnoreCase(page, i + 2, tag)) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfIgnoreCase(byte[] page, byte[] needle, int from, int to) {
        for (int i = from; i + needle.length <= to; i++) {
            if (equalsIgnoreCase(page, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean equalsIgnoreCase(byte[] page, int at, byte[] lowerAscii) {
        if (at + lowerAscii.length > page.length) {
            return false;
        }
        for (int k = 0; k < lowerAscii.length; k++) {
            int b = page[at + k];
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerAscii[k]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] page, byte b, int from) {
        for (int i = from; i < page.length; i++) {
            if (page[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
