package cloud.practice.notification.delivery;

import java.time.Duration;

/**
 * A provider's receipts that the service fetches (the issuer's SMS receipts), on a beat of its own. Each look applies
 * what is new through {@link Receipts} and remembers how far it read only once that is applied: at least once, which
 * receipts bear. Providers that push their receipts (WeChat) need no feed.
 */
public interface ReceiptFeed {

    /** What the beat is called in the logs. */
    String name();

    /** How often to look; zero: never. */
    Duration every();

    /** One look: every page that is new, for each district. Failures are the feed's to log; it tries again next time. */
    void poll();
}
