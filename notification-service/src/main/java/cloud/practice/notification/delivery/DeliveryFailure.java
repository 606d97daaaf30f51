package cloud.practice.notification.delivery;

/**
 * A channel did not take a message. {@link #permanent()} failures (a refused template, a person without a number or
 * who withdrew consent) are not retried; the others are, with back-off, until the delivery is dead-lettered.
 */
public final class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    private DeliveryFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    /** Trying again later may help (a timeout, a 5xx, the provider busy). */
    public static DeliveryFailure retryable(String message) {
        return new DeliveryFailure(message, false, null);
    }

    public static DeliveryFailure retryable(String message, Throwable cause) {
        return new DeliveryFailure(message, false, cause);
    }

    /** Trying again cannot help. */
    public static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, null);
    }

    public boolean permanent() {
        return permanent;
    }
}
