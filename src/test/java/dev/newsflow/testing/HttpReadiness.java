package dev.newsflow.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waiting for a child process's HTTP endpoint to answer 200. */
final class HttpReadiness {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private HttpReadiness() {
    }

    /** True once {@code url} answers 200; false when the process exits or the timeout passes first. */
    static boolean awaitOk(Process process, URI url, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // the server is not listening yet
            }
            Thread.sleep(200);
        }
        return false;
    }
}
