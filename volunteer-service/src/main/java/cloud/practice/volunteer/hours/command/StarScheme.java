package cloud.practice.volunteer.hours.command;

import cloud.practice.volunteer.hours.api.HourCommands.ConfigureStarThresholdsCommand;
import cloud.practice.volunteer.hours.api.HourInternalEvents.StarThresholdsConfigured;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A district's star thresholds, with the history of who changed them when. */
@Aggregate
class StarScheme {

    @AggregateIdentifier
    private String schemeId;
    private List<Integer> thresholds;

    protected StarScheme() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(ConfigureStarThresholdsCommand command, Clock clock) {
        StarLevels.validate(command.thresholds());
        if (!command.thresholds().equals(thresholds)) {
            apply(new StarThresholdsConfigured(command.districtId(), List.copyOf(command.thresholds()),
                    command.changedBy(), clock.instant()));
        }
        return AggregateLifecycle.getVersion();
    }

    @EventSourcingHandler
    void on(StarThresholdsConfigured event) {
        schemeId = cloud.practice.volunteer.hours.api.HourCommands.schemeId(event.districtId());
        thresholds = event.thresholds();
    }
}
