package dev.newsflow.metrics;

import dev.newsflow.stream.StageListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Domain metrics of the pipeline: records per stage and outcome, dead letters by stage and
 * reason, duplicates by method, entities per article, and stage latency histograms (so that
 * dashboards can aggregate percentiles across instances).
 */
public final class PipelineMetrics implements StageListener {
    public static final String STAGE_RECORDS = "newsflow.stage.records";
    public static final String STAGE_LATENCY = "newsflow.stage.latency";
    public static final String DEAD_LETTERS = "newsflow.dead.letters";
    public static final String DUPLICATES = "newsflow.duplicates";
    public static final String ENRICHED = "newsflow.articles.enriched";
    public static final String ENTITIES_PER_ARTICLE = "newsflow.article.entities";
    public static final String KNOWLEDGE_SKIPPED = "newsflow.knowledge.records.skipped";

    private final MeterRegistry registry;
    private final Counter enriched;
    private final DistributionSummary entitiesPerArticle;

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.enriched = Counter.builder(ENRICHED).description("Articles written to the enriched topic")
                .register(registry);
        this.entitiesPerArticle = DistributionSummary.builder(ENTITIES_PER_ARTICLE)
                .description("Distinct entities tagged in an article")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100)
                .register(registry);
        for (String stage : new String[] {"decode", "clean", "dedup", "tag"}) {
            // registered up front so that dashboards show zero rather than no data before the first record
            records(stage, "ok");
            records(stage, "failed");
            latency(stage);
        }
    }

    @Override
    public void succeeded(String stage, long nanos) {
        records(stage, "ok").increment();
        latency(stage).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(String stage, String reason) {
        records(stage, "failed").increment();
        Counter.builder(DEAD_LETTERS).description("Records sent to the dead-letter topic")
                .tag("stage", stage).tag("reason", reason).register(registry).increment();
    }

    @Override
    public void duplicateFound(String method) {
        Counter.builder(DUPLICATES).description("Articles found to repeat an earlier one")
                .tag("method", method).register(registry).increment();
    }

    @Override
    public void articleEnriched(int entities) {
        enriched.increment();
        entitiesPerArticle.record(entities);
    }

    @Override
    public void knowledgeRecordSkipped(String reason) {
        Counter.builder(KNOWLEDGE_SKIPPED).description("Records on the knowledge-base topic that were not entities")
                .tag("reason", reason).register(registry).increment();
    }

    private Counter records(String stage, String outcome) {
        return Counter.builder(STAGE_RECORDS).description("Records through a pipeline stage")
                .tag("stage", stage).tag("outcome", outcome).register(registry);
    }

    private Timer latency(String stage) {
        return Timer.builder(STAGE_LATENCY).description("Time one record spends in a stage")
                .tag("stage", stage)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }
}
