package cloud.practice.request;

import cloud.practice.request.menu.api.MenuInternalEvents;
import cloud.practice.testing.ServiceHealthContract;
import cloud.practice.testing.StoredEvents;
import org.axonframework.config.Configuration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class RequestServiceApplicationIT extends ServiceHealthContract {

    @Autowired
    Configuration axon;

    /** The service's moves are in the chain Axon reads every stored event through (ADR 0022). */
    @Test
    void shouldReadAMovedInternalEventThroughAxonsUpcasterChain() {
        String stored = "cloud.practice.request.menu.api.PhotoRuleSet";
        assertThat(StoredEvents.typeReadAs(stored, axon.upcasterChain(), axon.eventSerializer()))
                .isEqualTo(MenuInternalEvents.PhotoRuleSet.class.getName());
    }
}
