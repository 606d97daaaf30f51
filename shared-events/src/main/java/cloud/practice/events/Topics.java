package cloud.practice.events;

/** Kafka topic names, named once. */
public final class Topics {

    static final String PREFIX = "practice.";
    static final String EVENTS_SUFFIX = ".events";
    static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static final String HIERARCHY = "practice.hierarchy.events";
    public static final String VOLUNTEER = "practice.volunteer.events";
    public static final String REQUEST = "practice.request.events";
    public static final String MATCHING = "practice.matching.events";
    public static final String NOTIFICATION = "practice.notification.events";

    private Topics() {
    }
}
