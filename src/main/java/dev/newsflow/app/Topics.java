package dev.newsflow.app;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.DuplicateArticle;
import dev.newsflow.avro.EnrichedArticle;
import dev.newsflow.avro.KnowledgeEntity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic the application reads or writes, declared once with its serdes. Raw pages are read
 * as bytes on purpose: decoding happens in the topology so that bad records become dead letters.
 */
public record Topics(TopicSpec<byte[], byte[]> pagesRaw,
                     TopicSpec<String, EnrichedArticle> articlesEnriched,
                     TopicSpec<String, DuplicateArticle> articlesDuplicates,
                     TopicSpec<String, DeadLetter> pagesDlq,
                     TopicSpec<String, KnowledgeEntity> entitiesKb) {

    /** A topic's name and the serdes of its keys and values. */
    public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    }

    public static Topics from(NewsflowConfig config, AvroSerdes serdes) {
        return new Topics(
                new TopicSpec<>(config.get("newsflow.topic.pages.raw"), Serdes.ByteArray(), Serdes.ByteArray()),
                new TopicSpec<>(config.get("newsflow.topic.articles.enriched"), Serdes.String(),
                        serdes.forValues(EnrichedArticle.class)),
                new TopicSpec<>(config.get("newsflow.topic.articles.duplicates"), Serdes.String(),
                        serdes.forValues(DuplicateArticle.class)),
                new TopicSpec<>(config.get("newsflow.topic.pages.dlq"), Serdes.String(), serdes.forValues(DeadLetter.class)),
                new TopicSpec<>(config.get("newsflow.topic.entities.kb"), Serdes.String(),
                        serdes.forValues(KnowledgeEntity.class)));
    }

    /** The Avro topics the application writes, in this order, with their value schemas: the downstream contract. */
    public Map<String, Schema> writtenValueSchemas() {
        Map<String, Schema> written = new LinkedHashMap<>();
        written.put(articlesEnriched.name(), EnrichedArticle.getClassSchema());
        written.put(articlesDuplicates.name(), DuplicateArticle.getClassSchema());
        written.put(pagesDlq.name(), DeadLetter.getClassSchema());
        written.put(entitiesKb.name(), KnowledgeEntity.getClassSchema());
        return written;
    }

    public List<String> names() {
        return List.of(pagesRaw.name(), articlesEnriched.name(), articlesDuplicates.name(), pagesDlq.name(),
                entitiesKb.name());
    }
}
