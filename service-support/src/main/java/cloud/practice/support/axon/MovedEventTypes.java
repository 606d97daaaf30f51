package cloud.practice.support.axon;

import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Reads events stored under a class that has since moved or been renamed as the class they are now. The event
 * store keeps each payload's class name ({@code payloadType}); an internal event that moves (into its feature's
 * {@code …InternalEvents}, say) would otherwise no longer load, and its aggregate with it. Declare one as a bean
 * in the service that moved the classes (Axon puts every {@code EventUpcaster} bean into the chain every read goes
 * through); the stored events are never rewritten. The payload's JSON and revision stay as they are: a move must not
 * change the fields.
 */
public final class MovedEventTypes extends SingleEventUpcaster {

    private final Map<String, String> moved = new TreeMap<>();

    /** @param movedTo the class name each event was stored under → the class it is now */
    public MovedEventTypes(Map<String, Class<?>> movedTo) {
        movedTo.forEach((stored, now) -> {
            if (stored.equals(now.getName())) {
                throw new IllegalArgumentException(stored + " did not move");
            }
            moved.put(stored, now.getName());
        });
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation stored) {
        return moved.containsKey(stored.getType().getName());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation stored) {
        return stored.upcastPayload(
                new SimpleSerializedType(moved.get(stored.getType().getName()), stored.getType().getRevision()),
                String.class, Function.identity());
    }
}
