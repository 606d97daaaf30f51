package cloud.practice.events;

/**
 * How a {@link DomainEvent} is carried on Kafka: a CloudEvent 1.0 in binary mode. The payload is the record
 * as JSON in the record value; the attributes are {@code ce_*} headers. Extension names follow the CloudEvents
 * naming rule (lower-case letters and digits, at most 20 characters).
 */
public final class CloudEventAttributes {

    /** Prefix of every CloudEvents type we publish. */
    public static final String TYPE_PREFIX = "cloud.practice.";
    /** {@code source} is a URI reference naming the publishing service. */
    public static final String SOURCE_PREFIX = "/practice-cloud/";
    public static final String CONTENT_TYPE = "application/json";

    /** The district (tenant) of the event. */
    public static final String DISTRICT = "district";
    /** The aggregate's sequence number of this event, for idempotent, order-safe consumers. */
    public static final String AGGREGATE_SEQUENCE = "aggregateseq";
    /**
     * The aggregate's sequence number of its previous published event, -1 for its first: internal events use up
     * sequence numbers too, so only this tells a consumer that a published event is really missing.
     */
    public static final String AGGREGATE_PREVIOUS_SEQUENCE = "aggregateprevseq";
    /** The revision of the payload contract (also visible in the type). */
    public static final String REVISION = "revision";
    /** Correlation id of the request or process that led to the event. */
    public static final String CORRELATION_ID = "correlationid";
    /** Id of the message (command or event) that directly caused this event. */
    public static final String CAUSATION_ID = "causationid";

    /** Header the dead-letter recoverer adds with the reason a record could not be processed. */
    public static final String DEAD_LETTER_REASON = "practice_dlt_reason";

    private CloudEventAttributes() {
    }

    /** The CloudEvents type of an event class, e.g. {@code cloud.practice.hierarchy.OrgUnitEstablished.v1}. */
    public static String typeOf(Class<?> eventClass) {
        EventType meta = EventCatalog.metaOf(eventClass);
        return TYPE_PREFIX + meta.context().id() + "." + eventClass.getSimpleName() + ".v" + meta.revision();
    }

    /** The CloudEvents source of a context's events. */
    public static String sourceOf(Context context) {
        return SOURCE_PREFIX + context.publisher();
    }
}
