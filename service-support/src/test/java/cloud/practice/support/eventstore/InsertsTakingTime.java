package cloud.practice.support.eventstore;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clock of one engine, moved on when an insert of events inside a transaction comes back: as the engine sees
 * it, that insert took the time set with {@link #takeEach}. Slow inserts without waiting for them, on any server.
 */
final class InsertsTakingTime implements CommandListener {

    private volatile Instant now = Instant.now();
    private volatile Duration each = Duration.ZERO;
    private final Set<Integer> transactionalInserts = ConcurrentHashMap.newKeySet();

    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };

    /** For {@link MongoEventStorageEngine.Builder#clock}. */
    Clock clock() {
        return clock;
    }

    void takeEach(Duration duration) {
        this.each = duration;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (event.getCommandName().equals("insert") && SentCommands.inTransaction(event.getCommand())
                && event.getCommand().getString("insert").getValue().equals(MongoEventStorageEngine.EVENTS)) {
            transactionalInserts.add(event.getRequestId());
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        if (transactionalInserts.remove(event.getRequestId())) {
            now = now.plus(each);
        }
    }
}
