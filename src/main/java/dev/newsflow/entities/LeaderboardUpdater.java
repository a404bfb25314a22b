package dev.newsflow.entities;

import java.util.concurrent.ConcurrentNavigableMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps a task's hourly leaderboards in step with its trending store: filled from the store when the
 * task starts here (after its restore), then from every count the store takes.
 */
final class LeaderboardUpdater implements Processor<Windowed<String>, Long, Void, Void> {
    private static final int FORGET_EVERY = 10_000;

    private final TrendingLeaderboards leaderboards;
    private String task;
    private ConcurrentNavigableMap<Long, HourlyLeaders> boards;
    private ProcessorContext<Void, Void> context;
    private int sinceForgetting;

    LeaderboardUpdater(TrendingLeaderboards leaderboards) {
        this.leaderboards = leaderboards;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        task = context.taskId().toString();
        boards = TrendingLeaderboards.empty();
        TimestampedWindowStore<String, Long> store = context.getStateStore(TrendingEntities.STORE);
        try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<Long>> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<Windowed<String>, ValueAndTimestamp<Long>> kv = all.next();
                if (kv.value != null) {
                    TrendingLeaderboards.board(boards, kv.key.window().start()).update(kv.key.key(), kv.value.value());
                }
            }
        }
        // only complete boards answer queries: half-filled ones would miss leaders
        leaderboards.publish(task, boards);
    }

    @Override
    public void process(Record<Windowed<String>, Long> record) {
        if (record.value() == null) {
            return;
        }
        TrendingLeaderboards.board(boards, record.key().window().start()).update(record.key().key(), record.value());
        if (++sinceForgetting >= FORGET_EVERY) {
            sinceForgetting = 0;
            TrendingLeaderboards.forget(boards, context.currentStreamTimeMs(), TrendingEntities.RETENTION);
        }
    }

    @Override
    public void close() {
        leaderboards.close(task);
    }
}
