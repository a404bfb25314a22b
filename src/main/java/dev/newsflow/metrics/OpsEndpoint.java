package dev.newsflow.metrics;

import java.io.IOException;
import java.util.Map;

/** A read-only operations endpoint: query parameters in (first value of each), a reply out. */
@FunctionalInterface
public interface OpsEndpoint {
    OpsReply answer(Map<String, String> query) throws IOException;
}
