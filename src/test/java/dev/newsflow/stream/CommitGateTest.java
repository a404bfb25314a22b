package dev.newsflow.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommitGateTest {
    private final List<String> reported = new ArrayList<>();
    private final StageListener counts = new StageListener() {
        @Override
        public void succeeded(String stage, long nanos) {
            reported.add(stage + " ok");
        }

        @Override
        public void failed(String stage, String reason) {
            reported.add(stage + " " + reason);
        }
    };

    @Test
    void reportsOfATransactionalThreadStandOnlyOnceItsTransactionCommits() {
        CommitGate gate = new CommitGate();
        StageListener gated = gate.gated(counts);
        gate.transactional();

        gated.failed("dedup", "UNEXPECTED_ERROR");
        assertThat(reported).isEmpty();
        gate.aborted(); // the thread was fenced: its dead letter never existed
        gated.failed("dedup", "UNEXPECTED_ERROR");
        gated.succeeded("clean", 1);
        assertThat(reported).isEmpty();
        gate.committed();
        assertThat(reported).containsExactly("dedup UNEXPECTED_ERROR", "clean ok");
        gate.committed();
        assertThat(reported).hasSize(2);
    }

    @Test
    void aThreadWithoutTransactionsReportsAtOnce() throws Exception {
        CommitGate gate = new CommitGate();
        gate.transactional(); // this thread's transactions do not hold back another thread's reports
        Thread other = new Thread(() -> gate.gated(counts).failed("decode", "CORRUPT_AVRO"));
        other.start();
        other.join();
        assertThat(reported).containsExactly("decode CORRUPT_AVRO");
    }
}
