package cloud.practice.support.kafka;

/**
 * A record needs a fact that another consumer thread (another partition or topic) has not applied yet: the record is
 * tried again shortly, its partition held where it is (never the dead-letter topic). Thrown through {@link FactWaits},
 * which bounds how long one record may wait.
 */
public class FactNotYetKnown extends RuntimeException {

    public FactNotYetKnown(String message) {
        super(message, null, false, false);
    }

    static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof FactNotYetKnown) {
                return true;
            }
        }
        return false;
    }
}
