package dev.newsflow.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.testing.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bodies a crawler stored compressed, with the page as the expected output (page.html.br: brotli 1.0.9 -q 11). */
class BodyEncodingTest {
    private static final Path PAGE = Path.of("src/test/resources/encoding/page.html");
    private static final int LIMIT = 5 * 1024 * 1024;

    @Test
    void gzipDeflateAndBrotliBodiesComeOutAsThePage() throws Exception {
        byte[] page = Files.readAllBytes(PAGE);
        assertThat(BodyEncoding.decoded(Compression.gzip(page), "gzip", LIMIT)).isEqualTo(page);
        assertThat(BodyEncoding.decoded(Compression.gzip(page), " X-GZIP ", LIMIT)).isEqualTo(page);
        assertThat(BodyEncoding.decoded(Compression.deflate(page, false), "deflate", LIMIT)).as("zlib, as the RFC says")
                .isEqualTo(page);
        assertThat(BodyEncoding.decoded(Compression.deflate(page, true), "deflate", LIMIT)).as("bare deflate, as servers send")
                .isEqualTo(page);
        assertThat(BodyEncoding.decoded(Files.readAllBytes(Path.of(PAGE + ".br")), "br", LIMIT)).isEqualTo(page);
        assertThat(BodyEncoding.decoded(Compression.gzip(Compression.deflate(page, false)), "deflate, gzip", LIMIT))
                .as("layers undone in turn")
                .isEqualTo(page);
    }

    @Test
    void anUndeclaredGzipBodyIsRecognisedAndAPlainOneLeftAlone() throws Exception {
        byte[] page = Files.readAllBytes(PAGE);
        assertThat(BodyEncoding.decoded(Compression.gzip(page), null, LIMIT)).isEqualTo(page);
        assertThat(BodyEncoding.decoded(page, null, LIMIT)).isSameAs(page);
        assertThat(BodyEncoding.decoded(page, "identity", LIMIT)).isSameAs(page);
    }

    @Test
    void aDecompressionBombStopsAtTheLimitAsAPageTooLarge() throws Exception {
        byte[] zeros = new byte[64 * 1024 * 1024];
        byte[] bomb = Compression.gzip(zeros);
        assertThat(bomb.length).isLessThan(100 * 1024);
        assertThatThrownBy(() -> BodyEncoding.decoded(bomb, "gzip", LIMIT))
                .isInstanceOfSatisfying(CleanFailure.class, f -> assertThat(f.reason())
                        .isEqualTo(CleanFailure.Reason.PAGE_TOO_LARGE))
                .hasMessageContaining("expands past the limit of " + LIMIT);
    }

    @Test
    void anUnknownOrBrokenEncodingIsRefusedWithItsReason() throws Exception {
        byte[] page = Files.readAllBytes(PAGE);
        assertThatThrownBy(() -> BodyEncoding.decoded(page, "zstd", LIMIT))
                .isInstanceOfSatisfying(CleanFailure.class, f -> assertThat(f.reason())
                        .isEqualTo(CleanFailure.Reason.UNSUPPORTED_ENCODING));
        byte[] cut = Arrays.copyOf(Compression.gzip(page), 40);
        assertThatThrownBy(() -> BodyEncoding.decoded(cut, "gzip", LIMIT))
                .isInstanceOfSatisfying(CleanFailure.class, f -> assertThat(f.reason())
                        .isEqualTo(CleanFailure.Reason.CORRUPT_ENCODING));
        assertThatThrownBy(() -> BodyEncoding.decoded(page, "br", LIMIT))
                .isInstanceOfSatisfying(CleanFailure.class, f -> assertThat(f.reason())
                        .isEqualTo(CleanFailure.Reason.CORRUPT_ENCODING));
    }
}
