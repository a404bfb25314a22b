package dev.newsflow.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Env;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileManager;

/**
 * What every state store's RocksDB gets: a file manager. RocksDB recovers a store from a no-space
 * error by itself only with one, which watches the free space and resumes the store once there is
 * room again. Without it the store keeps its error until it is reopened: a compaction that failed
 * stays failed, level-0 files pile up until RocksDB stops writes, and a stream thread can wait in
 * a write long after the disk was freed.
 */
public class StateStoreDiskRecovery implements RocksDBConfigSetter {
    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        options.setSstFileManager(SharedFileManager.INSTANCE);
    }

    /** The manager the stores share: which files it tracks shows which stores it watches. */
    static SstFileManager fileManager() {
        return SharedFileManager.INSTANCE;
    }

    @Override
    public void close(String storeName, Options options) {
        // the manager is shared by every store of the process, and lives as long as it does
    }

    /** One per process: it runs a thread of its own, and it is created once RocksDB's library is loaded. */
    private static final class SharedFileManager {
        static final SstFileManager INSTANCE = create();

        private static SstFileManager create() {
            try {
                return new SstFileManager(Env.getDefault());
            } catch (RocksDBException e) {
                throw new IllegalStateException("cannot create RocksDB's file manager", e);
            }
        }
    }
}
