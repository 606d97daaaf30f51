package cloud.practice.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a published event and its revision. The pair is the event's identity on the wire: the CloudEvents
 * {@code type} is {@code cloud.practice.<context>.<name>.v<revision>} and the schema and golden sample live at
 * {@code events/<context>/<name>/v<revision>.schema.json|.sample.json}.
 *
 * <p>Bump {@link #revision()} for every change that an old consumer could not read; see ADR 0003.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The bounded context that publishes the event; one Kafka topic per context. */
    Context context();

    /** Revision of the contract, starting at 1. */
    int revision();
}
