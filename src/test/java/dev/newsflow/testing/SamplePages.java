package dev.newsflow.testing;

import dev.newsflow.avro.RawPage;
import dev.newsflow.cli.PageProducer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** The bundled sample pages and the bad inputs the tests feed next to them. */
public final class SamplePages {
    public static final Path DIR = Path.of("src/main/resources/samples");

    private SamplePages() {
    }

    public static List<Path> files() {
        try {
            return PageProducer.htmlFiles(DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The originals: every sample that is not a later copy of another. */
    public static List<Path> originals() {
        return files().stream().filter(p -> !isCopy(p)).toList();
    }

    /** Copies of earlier samples: aggregator republications and a re-crawl. */
    public static List<Path> copies() {
        return files().stream().filter(SamplePages::isCopy).toList();
    }

    private static boolean isCopy(Path p) {
        String name = p.getFileName().toString();
        return name.contains("aggregator") || name.contains("newsletter");
    }

    public static RawPage page(Path file, long fetchedAt) {
        try {
            return PageProducer.pageOf(file, Instant.ofEpochMilli(fetchedAt));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page whose body is random-looking binary (an image served as HTML). */
    public static RawPage binaryPage(long fetchedAt) {
        byte[] body = new byte[4096];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31 + 7);
        }
        return RawPage.newBuilder().setUrl("https://cdn.example/image.jpg").setFetchedAt(Instant.ofEpochMilli(fetchedAt))
                .setContentType("text/html").setBody(ByteBuffer.wrap(body)).setCrawler("test").build();
    }

    /** Wire-format header with a real id followed by bytes that are not the record. */
    public static byte[] corruptAvro(byte[] validRecord) {
        byte[] bad = new byte[9];
        System.arraycopy(validRecord, 0, bad, 0, 5);
        byte[] tail = "\u00ff\u00ff\u00ff\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(tail, 0, bad, 5, 4);
        return bad;
    }

    /** Wire-format header naming a schema id no registry has. */
    public static byte[] unknownSchemaId(byte[] validRecord) {
        byte[] bad = validRecord.clone();
        ByteBuffer.wrap(bad, 1, 4).putInt(987_654);
        return bad;
    }
}
