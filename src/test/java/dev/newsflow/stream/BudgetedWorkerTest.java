package dev.newsflow.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Whose fault an overrun is: a worker that waited (as a starved or frozen one does) is waited for up to
 * three budgets, then its record is tried again; one that burnt its budget in CPU is the record's doing.
 * Sleeping uses no CPU, spinning uses all it gets, so neither outcome depends on how busy the machine is.
 */
class BudgetedWorkerTest {
    private final RecordWatch watch = new RecordWatch(Duration.ofMinutes(1), 10);

    @Test
    void aWorkerThatHadNoCpuInItsBudgetLeavesTheRecordToBeTriedAgain() {
        try (BudgetedWorker worker = new BudgetedWorker("clean", Duration.ofMillis(200), watch)) {
            assertThatThrownBy(() -> worker.run(() -> {
                Thread.sleep(5_000);
                return "late";
            })).isInstanceOf(StarvedRecord.class).hasMessageContaining("its budget being 200 ms: the machine is too busy");
            assertThat(NotTheRecordsFault.isOutage(new StarvedRecord("x"))).isTrue();
        }
    }

    @Test
    void aWorkerThatBurntItsBudgetInCpuTimesTheRecordOut() {
        try (BudgetedWorker worker = new BudgetedWorker("clean", Duration.ofMillis(200), watch)) {
            assertThatThrownBy(() -> worker.run(() -> {
                long spins = 0;
                while (!Thread.currentThread().isInterrupted()) {
                    spins++;
                }
                return spins;
            })).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void workWithinItsBudgetReturnsItsResult() throws Exception {
        try (BudgetedWorker worker = new BudgetedWorker("clean", Duration.ofSeconds(30), watch)) {
            assertThat(worker.run(() -> "done")).isEqualTo("done");
        }
    }
}
