-- ksqlDB over the output topics. The value columns come from the registry (the schemas in schemas/),
-- so none are listed; the key is the article id as a plain string.
CREATE STREAM articles_enriched WITH (
  KAFKA_TOPIC = 'articles.enriched', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

CREATE STREAM articles_duplicates WITH (
  KAFKA_TOPIC = 'articles.duplicates', KEY_FORMAT = 'KAFKA', VALUE_FORMAT = 'AVRO');

-- copies per story, as they arrive
SELECT storyId, method, similarity, article->canonicalUrl AS copy
FROM articles_duplicates EMIT CHANGES;

-- articles naming a given knowledge-base entity
SELECT article->title, article->canonicalUrl
FROM articles_enriched
WHERE ARRAY_LENGTH(FILTER(entities, e => e->kbId = 'per:sergei-lavrov')) > 0
EMIT CHANGES;
