package cloud.practice.support.axon;

import org.axonframework.modelling.command.ConcurrencyException;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs a command again when it lost an append race on its aggregate: the retry re-reads the aggregate and is
 * decided by the rules (a full activity, an accepted request) instead of bouncing the caller with a bare conflict.
 * Optimistic locking stays the arbiter; this only saves honest clients a round trip.
 */
public final class ConflictRetry {

    static final int ATTEMPTS = 8;

    private ConflictRetry() {
    }

    public static <T> T onConflict(Supplier<T> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return command.get();
            } catch (ConcurrencyException e) {
                if (attempt >= ATTEMPTS) {
                    throw e;
                }
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
