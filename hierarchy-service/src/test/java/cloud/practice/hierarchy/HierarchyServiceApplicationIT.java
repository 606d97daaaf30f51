package cloud.practice.hierarchy;

import cloud.practice.hierarchy.tree.api.TreeInternalEvents;
import cloud.practice.testing.ServiceHealthContract;
import cloud.practice.testing.StoredEvents;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class HierarchyServiceApplicationIT extends ServiceHealthContract {

    @Autowired
    Configuration axon;

    /** The service's moves are in the chain Axon reads every stored event through (ADR 0022). */
    @Test
    void shouldReadAMovedInternalEventThroughAxonsUpcasterChain() {
        String stored = "cloud.practice.hierarchy.tree.api.OrgUnitContactRecorded";
        assertThat(StoredEvents.typeReadAs(stored, axon.upcasterChain(), axon.eventSerializer()))
                .isEqualTo(TreeInternalEvents.OrgUnitContactRecorded.class.getName());
    }
}
