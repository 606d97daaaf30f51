package cloud.practice.support.config;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * Whether a failure is MongoDB being out of reach — a timeout, a broken connection, a replica set between primaries —
 * anywhere in its cause chain, however Axon, Spring or Kafka wrapped it. Such a failure passes by itself: an HTTP
 * caller is told to try again (503), and an event being applied is retried until the store is back — never
 * dead-lettered, which would lose it from the read model.
 */
public final class StoreOutage {

    private StoreOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof MongoTimeoutException || cause instanceof MongoSocketException
                    || cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException) {
                return true;
            }
        }
        return false;
    }
}
