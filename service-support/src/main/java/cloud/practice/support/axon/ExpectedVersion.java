package cloud.practice.support.axon;

import cloud.practice.support.web.ApiException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.springframework.http.HttpStatus;

import java.util.HashMap;
import java.util.Map;

/**
 * Optimistic concurrency for whole aggregates over HTTP: the controller puts the version the caller read (its
 * {@code If-Match}) into the command's meta-data, and the aggregate's command interceptor checks it against its
 * current version (the sequence number of its last event) before any handler runs.
 */
public final class ExpectedVersion {

    public static final String META = "expectedVersion";

    private ExpectedVersion() {
    }

    /** The command with the expected version attached when the caller sent one. */
    public static CommandMessage<?> attach(Object command, Long expected, Map<String, Object> otherMeta) {
        Map<String, Object> meta = new HashMap<>(otherMeta);
        if (expected != null) {
            meta.put(META, expected);
        }
        return GenericCommandMessage.asCommandMessage(command).andMetaData(meta);
    }

    /** Call from an aggregate's {@code @CommandHandlerInterceptor}: 412 when the aggregate moved on. */
    public static void check(CommandMessage<?> command, String resource, String id) {
        Object expected = command.getMetaData().get(META);
        Long version = AggregateLifecycle.getVersion();
        if (expected != null && version != null && ((Number) expected).longValue() != version) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "stale-version", resource + " '" + id
                    + "' changed since you read it (version " + expected + ", now " + version + ")",
                    Map.of("currentVersion", version));
        }
    }
}
