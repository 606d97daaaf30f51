package cloud.practice.support.flow.publisher;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A minimal event-sourced aggregate publishing real catalogue events. */
@Aggregate
public class TestUnit {

    @AggregateIdentifier
    private String unitId;
    private String districtId;

    protected TestUnit() {
    }

    @CommandHandler
    public TestUnit(EstablishTestUnitCommand command) {
        apply(new OrgUnitEstablished(command.unitId(), command.districtId(), "JLP-" + command.unitId(), command.name(),
                OrgTier.STATION, "institute-jiulong", "500107102000", "重庆市九龙坡区九龙镇",
                new GeoPoint(29.5069, 106.5107), Set.of(ServicePlatform.CULTURE), List.of("盘龙社区"),
                LocalDate.of(2026, 3, 7)));
    }

    @CommandHandler
    public void handle(RenameTestUnitCommand command) {
        apply(new OrgUnitRenamed(unitId, districtId, command.name(), LocalDate.of(2026, 3, 8)));
    }

    /** Internal: kept in the store, never published, yet it takes the aggregate's next sequence number. */
    @CommandHandler
    public void handle(NoteTestUnitCommand command) {
        apply(new TestUnitNoted(unitId, command.note()));
    }

    @EventSourcingHandler
    void on(OrgUnitEstablished event) {
        this.unitId = event.unitId();
        this.districtId = event.districtId();
    }

    public record EstablishTestUnitCommand(String unitId, String districtId, String name) {
    }

    public record RenameTestUnitCommand(@TargetAggregateIdentifier String unitId, String name) {
    }

    public record NoteTestUnitCommand(@TargetAggregateIdentifier String unitId, String note) {
    }

    /** An internal event: not a catalogued DomainEvent, so the relay does not publish it. */
    public record TestUnitNoted(String unitId, String note) {
    }
}
