package dev.newsflow.clean;

import java.util.List;
import java.util.Optional;

/**
 * What a page says about itself in JSON-LD, OpenGraph and meta tags, and the headline and byline it
 * shows. {@code articleBody} is the text a page declaring itself an article puts in its JSON-LD.
 */
public record PageMetadata(Optional<String> title, List<String> authors, Optional<String> publishedAt,
                           Optional<String> modifiedAt, Optional<String> canonicalUrl, Optional<String> siteName,
                           Optional<String> declaredLanguage, boolean declaresArticle, Optional<String> headline,
                           Optional<String> articleBody) {
}
