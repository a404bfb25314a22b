package dev.newsflow.clean;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads the date spellings found in page metadata and writes them as ISO-8601 with an offset (UTC when none was given). */
public final class DateNormalizer {
    private static final List<DateTimeFormatter> WITH_OFFSET = List.of(
            DateTimeFormatter.ISO_OFFSET_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXX", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXX", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssXXX", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss XX", Locale.ROOT),
            DateTimeFormatter.RFC_1123_DATE_TIME,
            DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss z", Locale.ENGLISH));
    private static final List<DateTimeFormatter> LOCAL = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT),
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm", Locale.ROOT));

    private DateNormalizer() {
    }

    public static Optional<String> normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String s = raw.trim();
        for (DateTimeFormatter f : WITH_OFFSET) {
            try {
                return Optional.of(ZonedDateTime.parse(s, f).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            } catch (DateTimeParseException ignored) {
                // try the next spelling
            }
        }
        try {
            return Optional.of(Instant.parse(s).atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        } catch (DateTimeParseException ignored) {
            // not an instant
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return Optional.of(utc(LocalDateTime.parse(s, f)));
            } catch (DateTimeParseException ignored) {
                // try the next spelling
            }
        }
        try {
            return Optional.of(utc(LocalDate.parse(s.length() >= 10 ? s.substring(0, 10) : s).atStartOfDay()));
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }

    private static String utc(LocalDateTime local) {
        return OffsetDateTime.of(local, ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
