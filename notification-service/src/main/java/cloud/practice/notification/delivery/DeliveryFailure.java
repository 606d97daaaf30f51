package cloud.practice.notification.delivery;

/**
 * A channel did not take a message. {@link #permanent()} failures (a refused template, a withdrawn consent) are not
 * retried; the others are, with back-off, until the delivery is dead-lettered. An {@link #unreachable()} person (no
 * account at the issuer, a closed one, no mobile number) is not a fault anyone can mend: the delivery is skipped, as
 * for a person without a WeChat identity, and stays off the dead-letter list.
 */
public final class DeliveryFailure extends RuntimeException {

    private final boolean permanent;
    private final boolean unreachable;

    private DeliveryFailure(String message, boolean permanent, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.unreachable = unreachable;
    }

    /** Trying again later may help (a timeout, a 5xx, the provider busy). */
    public static DeliveryFailure retryable(String message) {
        return new DeliveryFailure(message, false, false, null);
    }

    public static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, false, false, cause);
    }

    /** Trying again cannot help. */
    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, false, null);
    }

    /** The person cannot be reached on this channel at all: skipped, not failed. */
    public static DeliveryFailure unreachable(String message) {
        return new DeliveryFailure(message, true, true, null);
    }

    public boolean unreachable() {
        return unreachable;
    }

    public boolean permanent() {
        return permanent;
    }
}
