package dev.newsflow.clean;

import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Language of the article text by character n-gram profiles (optimaize language-detector, 71
 * languages). Loaded once: reading the profiles takes about a second.
 */
public final class LanguageGuesser {
    // a few hundred characters of running text are plenty for n-gram profiles, and detection time grows with the sample
    private static final int SAMPLE_CHARS = 400;

    private final LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();

    public LanguageGuesser() {
        try {
            this.detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().readAllBuiltIn())
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled language profiles", e);
        }
    }

    /** ISO 639-1 code, or empty when the detector is not confident (short or mixed text). */
    public Optional<String> guess(String text) {
        String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
        com.google.common.base.Optional<com.optimaize.langdetect.i18n.LdLocale> locale =
                detector.detect(texts.forText(sample));
        return locale.isPresent() ? Optional.of(locale.get().getLanguage()) : Optional.empty();
    }
}
