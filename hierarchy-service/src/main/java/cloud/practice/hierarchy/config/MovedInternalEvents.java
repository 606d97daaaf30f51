package cloud.practice.hierarchy.config;

import cloud.practice.hierarchy.tree.api.TreeInternalEvents;
import cloud.practice.support.axon.MovedEventTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/** Where hierarchy-service's internal events were stored from, and the class each is now (ADR 0022). */
@Configuration(proxyBeanMethods = false)
public class MovedInternalEvents {

    @Bean
    public MovedEventTypes movedEventTypes() {
        return new MovedEventTypes(Map.of("cloud.practice.hierarchy.tree.api.OrgUnitContactRecorded",
                TreeInternalEvents.OrgUnitContactRecorded.class));
    }
}
