package dev.newsflow.stream;

import dev.newsflow.registry.SchemaRegistryException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ProcessorStateException;

/**
 * Failures that say nothing about the record: the schema registry or the brokers out of reach, a
 * state store that cannot write (disk full), a worker the machine gave no CPU. Such a record must wait and be tried again, never be
 * dead-lettered as bad data.
 */
public final class NotTheRecordsFault {
    private NotTheRecordsFault() {
    }

    /** Likely to pass by itself: an outage of the registry or the brokers, a starved worker. */
    public static boolean isOutage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            // only failures of the services themselves: anything a crafted record could also raise would
            // let that record stop the stream thread again and again instead of becoming a dead letter
            if ((c instanceof SchemaRegistryException r && r.isRetriable()) || c instanceof RetriableException
                    || c instanceof StarvedRecord) {
                return true;
            }
        }
        return false;
    }

    /** A state store that failed: the instance cannot make progress until it is restarted or the disk freed. */
    public static boolean isStoreFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ProcessorStateException) {
                return true;
            }
        }
        return false;
    }

    public static boolean applies(Throwable t) {
        return isOutage(t) || isStoreFailure(t);
    }
}
