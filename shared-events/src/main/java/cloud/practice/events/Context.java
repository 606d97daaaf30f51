package cloud.practice.events;

/** A publishing context. Each has exactly one Kafka topic, keyed by aggregate id (ADR 0002). */
public enum Context {
    HIERARCHY("hierarchy", "hierarchy-service"),
    VOLUNTEER("volunteer", "volunteer-service"),
    REQUEST("request", "request-service"),
    MATCHING("matching", "volunteer-service"),
    /** Notices raised, delivered and read: ids and kinds only, never their text (ADR 0023). */
    NOTIFICATION("notification", "notification-service");

    private final String id;
    private final String publisher;

    Context(String id, String publisher) {
        this.id = id;
        this.publisher = publisher;
    }

    /** Short lower-case name used in topic names, CloudEvents types and resource paths. */
    public String id() {
        return id;
    }

    /** The service that owns the write side of this context; the CloudEvents {@code source}. */
    public String publisher() {
        return publisher;
    }

    /** The topic carrying every event of this context. */
    public String topic() {
        return Topics.PREFIX + id + Topics.EVENTS_SUFFIX;
    }

    /** The dead-letter topic for records of this context that a consumer could not process. */
    public String deadLetterTopic() {
        return topic() + Topics.DEAD_LETTER_SUFFIX;
    }
}
