package cloud.practice.support.flow.consumer;

import cloud.practice.support.kafka.ProcessedEventLedger;
import com.mongodb.client.MongoDatabase;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real ledger, counting how often in a row each handler failed to look up an aggregate with the same root cause.
 * Every attempt to apply an event starts with {@link #lastApplied}, which is also the first thing to fail while the
 * store is away, so a test can tell how long the consumer has been at an event instead of guessing a while. The
 * count starts again when the root cause changes, as spring-kafka's retry count does.
 */
public class FailureCountingLedger extends ProcessedEventLedger {

    private record Streak(Class<?> rootCause, int length) {
    }

    private final Map<String, Streak> failures = new ConcurrentHashMap<>();

    public FailureCountingLedger(MongoDatabase database) {
        super(database);
    }

    @Override
    public long lastApplied(String handler, String aggregateId) {
        String key = handler + "|" + aggregateId;
        try {
            long applied = super.lastApplied(handler, aggregateId);
            failures.remove(key);
            return applied;
        } catch (RuntimeException failure) {
            Class<?> rootCause = rootCause(failure).getClass();
            failures.merge(key, new Streak(rootCause, 1), (last, next) ->
                    last.rootCause() == rootCause ? new Streak(rootCause, last.length() + 1) : next);
            throw failure;
        }
    }

    /** Failures in a row with one root cause, the latest streak; 0 when the last lookup succeeded. */
    public int failuresInARow(String handler, String aggregateId) {
        Streak streak = failures.get(handler + "|" + aggregateId);
        return streak == null ? 0 : streak.length();
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
