package cloud.practice.request.config;

import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.request.activity.api.ActivityInternalEvents;
import cloud.practice.request.lifecycle.api.RequestInternalEvents;
import cloud.practice.request.menu.api.MenuInternalEvents;
import cloud.practice.support.axon.MovedEventTypes;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * Where request-service's internal events were stored from, and the class each is now (ADR 0022). An entry stays
 * as long as events stored under its old name may exist.
 */
@Configuration(proxyBeanMethods = false)
public class MovedInternalEvents {

    static final Map<String, Class<?>> MOVES = Map.of(
            // Published since issue 26 (ADR 0023): notification-service warns before a clock runs out.
            "cloud.practice.request.lifecycle.api.RequestInternalEvents$SlaClockStarted", SlaClockStarted.class,
            "cloud.practice.request.lifecycle.command.ServiceRequest$ItemTermsRecorded",
            RequestInternalEvents.ItemTermsRecorded.class,
            "cloud.practice.request.activity.api.ActivityCommands$ActivityCheckedIn",
            ActivityInternalEvents.ActivityCheckedIn.class,
            "cloud.practice.request.activity.api.ActivityCommands$ActivityEvidenceAttached",
            ActivityInternalEvents.ActivityEvidenceAttached.class,
            "cloud.practice.request.menu.api.MenuItemDefined", MenuInternalEvents.MenuItemDefined.class,
            "cloud.practice.request.menu.api.MenuDefaultsSet", MenuInternalEvents.MenuDefaultsSet.class,
            "cloud.practice.request.menu.api.LocationRuleSet", MenuInternalEvents.LocationRuleSet.class,
            "cloud.practice.request.menu.api.PhotoRuleSet", MenuInternalEvents.PhotoRuleSet.class);

    @Bean
    public MovedEventTypes movedEventTypes() {
        return new MovedEventTypes(MOVES);
    }
}
