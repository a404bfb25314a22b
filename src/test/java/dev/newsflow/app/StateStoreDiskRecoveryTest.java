package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.FlushOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class StateStoreDiskRecoveryTest {
    @TempDir
    Path dir;

    @Test
    void aStoreOpenedWithTheSettingsIsWatchedByTheSharedFileManager() throws Exception {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            new StateStoreDiskRecovery().setConfig("dedup-urls", options, Map.of());
            try (RocksDB db = RocksDB.open(options, dir.toString())) {
                db.put("key".getBytes(StandardCharsets.UTF_8), "value".getBytes(StandardCharsets.UTF_8));
                db.flush(flush);
                assertThat(StateStoreDiskRecovery.fileManager().getTrackedFiles().keySet())
                        .anyMatch(file -> file.startsWith(dir.toString()) && file.endsWith(".sst"));
            }
        }
    }
}
