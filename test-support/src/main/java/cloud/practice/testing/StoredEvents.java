package cloud.practice.testing;

import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

import java.util.stream.Stream;

/**
 * An event as a service's store holds it — its payload type as stored, its JSON — read back through upcasters the
 * way Axon reads every stored event: for tests of moved and revised events (ADR 0022).
 */
public final class StoredEvents {

    private StoredEvents() {
    }

    /** {@code now} serialised, stored under {@code storedType}, then read through {@code upcasters}. */
    public static Object readBack(Object now, String storedType, EventUpcaster upcasters, Serializer serializer) {
        IntermediateEventRepresentation read = upcast(storedType, serializer.serialize(now, String.class).getData(),
                upcasters, serializer);
        return serializer.deserialize(new SimpleSerializedObject<>(read.getData(String.class).getData(), String.class,
                read.getType()));
    }

    /** The payload type an event stored under {@code storedType} has once {@code upcasters} have read it. */
    public static String typeReadAs(String storedType, EventUpcaster upcasters, Serializer serializer) {
        return upcast(storedType, "{}", upcasters, serializer).getType().getName();
    }

    private static IntermediateEventRepresentation upcast(String storedType, String json, EventUpcaster upcasters,
                                                          Serializer serializer) {
        var stored = new GenericDomainEventEntry<>("Aggregate", "id-1", 0, "event-1", "2026-03-01T00:00:00Z",
                storedType, null, json, "{}");
        return upcasters.upcast(Stream.of(new InitialEventRepresentation(stored, serializer)))
                .reduce((first, more) -> {
                    throw new AssertionError("one stored event was read as several");
                })
                .orElseThrow(() -> new AssertionError("the stored event was dropped"));
    }
}
