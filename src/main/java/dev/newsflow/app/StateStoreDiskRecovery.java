package dev.newsflow.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.Env;
import org.rocksdb.Options;
import org.rocksdb.RocksDBException;
import org.rocksdb.SstFileManager;

/**
 * What every state store's RocksDB gets: a file manager, without which RocksDB never recovers by
 * itself from a full disk. A flush or compaction that finds no space leaves a store in an error
 * state; with the manager RocksDB watches the free space and resumes once there is room again.
 * Without it, a compaction that failed stays failed: level-0 files pile up until RocksDB stops
 * writes, and the stream thread waits in a write for as long as the process lives, although the
 * disk was freed long ago.
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
