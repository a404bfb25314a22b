package dev.newsflow.testing;

import dev.newsflow.app.StateStoreDiskRecovery;
import java.util.Map;
import org.rocksdb.Options;

/**
 * RocksDB write buffers of 64 KiB, so that a test's few pages make the stores flush to disk (by
 * default a memtable holds 16 MB and a short test never writes a file).
 */
public final class TinyMemtables extends StateStoreDiskRecovery {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        super.setConfig(storeName, options, configs);
        options.setWriteBufferSize(64 * 1024);
        options.setMaxWriteBufferNumber(2);
    }
}
