package dev.newsflow.clean;

/** A page the cleaner will not turn into an article, with a stable reason code for the dead-letter topic. */
public class CleanFailure extends Exception {
    public enum Reason {
        EMPTY_PAGE, PAGE_TOO_LARGE, NOT_HTML, WRONG_CHARSET, NOT_AN_ARTICLE, SCRIPT_URL,
        /** a Content-Encoding other than gzip, deflate, br or identity */
        UNSUPPORTED_ENCODING,
        /** a body that does not decompress as its Content-Encoding says */
        CORRUPT_ENCODING
    }

    private final Reason reason;

    public CleanFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
