package cloud.practice.hierarchy;

import cloud.practice.hierarchy.tree.api.TreeInternalEvents;
import cloud.practice.testing.ServiceHealthContract;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class HierarchyServiceApplicationIT extends ServiceHealthContract {

    @Autowired
    Configuration axon;

    /** The service's moves are in the chain Axon reads every stored event through (ADR 0022). */
    @Test
    void shouldReadAMovedInternalEventThroughAxonsUpcasterChain() {
        var stored = new GenericDomainEventEntry<>("Aggregate", "id-1", 0, "event-1", "2026-03-01T00:00:00Z",
                "cloud.practice.hierarchy.tree.api.OrgUnitContactRecorded", null, "{}", "{}");
        var read = axon.upcasterChain().upcast(Stream.of(new InitialEventRepresentation(stored, axon.eventSerializer())));
        assertThat(read.map(event -> event.getType().getName()).toList())
                .containsExactly(TreeInternalEvents.OrgUnitContactRecorded.class.getName());
    }
}
