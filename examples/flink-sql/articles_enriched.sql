-- Flink SQL over articles.enriched (Flink 1.17+ with the kafka and avro-confluent format jars).
-- The columns follow schemas/EnrichedArticle.avsc: NOT NULL where the Avro field is required,
-- nullable where it is a union with null; enums read as STRING, timestamp-millis as TIMESTAMP(3).
CREATE TABLE articles_enriched (
  `article` ROW<
    `id` STRING NOT NULL,
    `url` STRING NOT NULL,
    `canonicalUrl` STRING NOT NULL,
    `site` STRING NOT NULL,
    `title` STRING NOT NULL,
    `authors` ARRAY<STRING NOT NULL> NOT NULL,
    `publishedAt` STRING,
    `modifiedAt` STRING,
    `language` STRING,
    `paragraphs` ARRAY<STRING NOT NULL> NOT NULL,
    `text` STRING NOT NULL,
    `wordCount` INT NOT NULL,
    `bodyHash` STRING NOT NULL,
    `fetchedAt` TIMESTAMP(3) NOT NULL,
    `source` ROW<`topic` STRING NOT NULL, `partition` INT NOT NULL, `offset` BIGINT NOT NULL> NOT NULL,
    `textSource` STRING NOT NULL
  > NOT NULL,
  `storyId` STRING NOT NULL,
  `entities` ARRAY<ROW<
    `name` STRING NOT NULL,
    `type` STRING NOT NULL,
    `kbId` STRING,
    `count` INT NOT NULL,
    `salience` DOUBLE NOT NULL,
    `mentions` ARRAY<ROW<`text` STRING NOT NULL, `start` INT NOT NULL, `end` INT NOT NULL, `inTitle` BOOLEAN NOT NULL> NOT NULL> NOT NULL
  > NOT NULL> NOT NULL,
  `processedAt` TIMESTAMP(3) NOT NULL,
  WATERMARK FOR `processedAt` AS `processedAt` - INTERVAL '1' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'articles.enriched',
  'properties.bootstrap.servers' = 'kafka:9092',
  'properties.group.id' = 'flink-articles',
  -- Newsflow writes in transactions: read committed records only
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'value.format' = 'avro-confluent',
  -- any Confluent-API registry; for Apicurio Registry the URL ends in /apis/ccompat/v7
  'value.avro-confluent.url' = 'http://registry:8081'
);

-- the people most mentioned per hour, with their knowledge-base ids
SELECT window_start, e.`name`, e.`kbId`, SUM(e.`count`) AS mentions
FROM TABLE(TUMBLE(TABLE articles_enriched, DESCRIPTOR(`processedAt`), INTERVAL '1' HOUR))
CROSS JOIN UNNEST(`entities`) AS e (`name`, `type`, `kbId`, `count`, `salience`, `mentions`)
WHERE e.`type` = 'PERSON'
GROUP BY window_start, window_end, e.`name`, e.`kbId`;
