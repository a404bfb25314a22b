package dev.newsflow.clean;

/**
 * Where sentences end in cleaned article text: after . ! ? … followed by white space, and at line
 * breaks (the cleaner ends every paragraph with one). Abbreviations ("Mr. Smith") split a sentence
 * too; the stages that use this only need sentence-sized pieces, not grammatical sentences.
 */
public final class SentenceBreaks {
    private SentenceBreaks() {
    }

    /** Whether the character at {@code i} is the last one of a sentence. */
    public static boolean endsAt(CharSequence text, int i) {
        char c = text.charAt(i);
        return c == '\n'
                || (i + 1 < text.length() && Character.isWhitespace(text.charAt(i + 1))
                    && (c == '.' || c == '!' || c == '?' || c == '…'));
    }
}
