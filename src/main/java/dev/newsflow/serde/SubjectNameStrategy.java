package dev.newsflow.serde;

import org.apache.avro.Schema;

/** Which registry subject a topic's schema lives under: the three strategies Confluent serdes know. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one schema family per topic (the default). */
    TOPIC {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name: one schema family per type, whatever the topic. */
    RECORD {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}: several types per topic. */
    TOPIC_RECORD {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    public abstract String subject(String topic, boolean isKey, Schema schema);

    /** Accepts our names and Confluent's class names ({@code ...TopicNameStrategy}). */
    public static SubjectNameStrategy parse(String name) {
        String simple = name.substring(name.lastIndexOf('.') + 1).replace("NameStrategy", "").replace("Strategy", "");
        return switch (simple.toLowerCase().replace("_", "")) {
            case "topic" -> TOPIC;
            case "record" -> RECORD;
            case "topicrecord" -> TOPIC_RECORD;
            default -> throw new IllegalArgumentException("unknown subject name strategy: " + name);
        };
    }
}
