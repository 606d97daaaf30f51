package cloud.practice.support.axon;

import cloud.practice.events.EventType;
import org.axonframework.serialization.RevisionResolver;

/** Axon reads a published event's revision from its {@link EventType}, so shared-events needs no Axon import. */
public class EventTypeRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        EventType meta = payloadType.getAnnotation(EventType.class);
        return meta == null ? null : String.valueOf(meta.revision());
    }
}
