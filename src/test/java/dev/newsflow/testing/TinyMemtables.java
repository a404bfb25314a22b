package dev.newsflow.testing;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Options;

/**
 * RocksDB write buffers of 64 KiB, so that a test's few pages make the stores flush to disk (by
 * default a memtable holds 16 MB and a short test never writes a file).
 */
public final class TinyMemtables implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setWriteBufferSize(64 * 1024);
        options.setMaxWriteBufferNumber(2);
    }

    @Override
    public void close(String storeName, Options options) {
        // nothing allocated here
    }
}
