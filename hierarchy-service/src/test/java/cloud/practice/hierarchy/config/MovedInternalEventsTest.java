package cloud.practice.hierarchy.config;

import cloud.practice.hierarchy.tree.api.TreeInternalEvents.OrgUnitContactRecorded;
import cloud.practice.support.axon.AxonMongoAutoConfiguration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contact stored before the move still loads, as the class it is now; the old class is gone. */
class MovedInternalEventsTest {

    final Serializer serializer = new AxonMongoAutoConfiguration().serializer();

    @Test
    void shouldReadAContactStoredUnderItsOldNameAsTheEventItIsNow() {
        OrgUnitContactRecorded now = new OrgUnitContactRecorded("cq-jiulongpo", "s-1", "023-6878 0000");
        String old = "cloud.practice.hierarchy.tree.api.OrgUnitContactRecorded";
        assertThatThrownBy(() -> Class.forName(old)).isInstanceOf(ClassNotFoundException.class);

        String json = serializer.serialize(now, String.class).getData();
        var stored = new GenericDomainEventEntry<>("OrgTree", "cq-jiulongpo", 3, "event-1", "2026-03-01T00:00:00Z",
                old, null, json, "{}");
        Object read = new MovedInternalEvents().movedEventTypes()
                .upcast(Stream.of(new InitialEventRepresentation(stored, serializer)))
                .map(upcast -> serializer.deserialize(new SimpleSerializedObject<>(
                        upcast.getData(String.class).getData(), String.class, upcast.getType())))
                .findFirst().orElseThrow();

        assertThat(read).isEqualTo(now);
    }
}
