package dev.newsflow.metrics;

/** What an operations endpoint answers: an HTTP status, a content type and a body. */
public record OpsReply(int status, String contentType, String body) {
    public static OpsReply text(int status, String body) {
        return new OpsReply(status, "text/plain; charset=utf-8", body);
    }

    public static OpsReply json(String body) {
        return new OpsReply(200, "application/json", body);
    }
}
