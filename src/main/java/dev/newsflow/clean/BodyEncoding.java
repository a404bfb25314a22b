package dev.newsflow.clean;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes an HTTP Content-Encoding (gzip, deflate, br) that a crawler stored the body with, never
 * inflating past the page-size limit: a few kilobytes of a decompression bomb expand to gigabytes,
 * so the expansion is read in slices and refused as {@code PAGE_TOO_LARGE} the moment it passes the
 * limit. A gzip body that says nothing of its encoding is recognised by its magic bytes: no HTML page
 * starts with them.
 */
final class BodyEncoding {
    private static final int SLICE = 64 * 1024;

    private BodyEncoding() {
    }

    static byte[] decoded(byte[] body, String declared, int maxBytes) throws CleanFailure {
        String encoding = declared == null ? "" : declared.strip().toLowerCase(Locale.ROOT);
        if (encoding.isEmpty() || encoding.equals("identity")) {
            return isGzip(body) ? inflated(body, "gzip", maxBytes) : body;
        }
        if (encoding.contains(",")) {
            // "gzip, br": applied in order, so undone last to first
            String[] layers = encoding.split("\\s*,\\s*");
            byte[] out = body;
            for (int i = layers.length - 1; i >= 0; i--) {
                out = decoded(out, layers[i], maxBytes);
            }
            return out;
        }
        return switch (encoding) {
            case "gzip", "x-gzip", "deflate", "br" -> inflated(body, encoding, maxBytes);
            default -> throw new CleanFailure(CleanFailure.Reason.UNSUPPORTED_ENCODING,
                    "the body's content encoding '" + shortened(encoding) + "' is none of gzip, deflate, br or identity");
        };
    }

    private static boolean isGzip(byte[] body) {
        return body != null && body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
    }

    private static byte[] inflated(byte[] body, String encoding, int maxBytes) throws CleanFailure {
        if (body == null || body.length == 0) {
            return body;
        }
        try (InputStream in = stream(body, encoding)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, body.length * 4));
            byte[] slice = new byte[SLICE];
            int n;
            while ((n = in.read(slice)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new CleanFailure(CleanFailure.Reason.PAGE_TOO_LARGE, "the " + encoding + " body of "
                            + body.length + " bytes expands past the limit of " + maxBytes + " bytes");
                }
                out.write(slice, 0, n);
            }
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            throw new CleanFailure(CleanFailure.Reason.CORRUPT_ENCODING,
                    "the body is not valid " + encoding + ": " + e.getMessage());
        }
    }

    private static InputStream stream(byte[] body, String encoding) throws IOException {
        ByteArrayInputStream bytes = new ByteArrayInputStream(body);
        return switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(bytes, SLICE);
            case "br" -> new BrotliInputStream(bytes);
            // servers send "deflate" both as the zlib format it names and as bare deflate: the header tells
            default -> new InflaterInputStream(bytes, new Inflater(!hasZlibHeader(body)), SLICE);
        };
    }

    /** A zlib stream's first two bytes: method 8 and a header checksum divisible by 31. */
    private static boolean hasZlibHeader(byte[] body) {
        return body.length >= 2 && (body[0] & 0x0f) == 8 && (((body[0] & 0xff) << 8) | (body[1] & 0xff)) % 31 == 0;
    }

    private static String shortened(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
