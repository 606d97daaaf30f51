package cloud.practice.hierarchy.pairing.api;

import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.hierarchy.PartnerType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/** Commands of the pairing programme (结对帮带): partners, and pairings of partners with stations. */
public final class PairingCommands {

    private PairingCommands() {
    }

    public record RegisterPartnerCommand(@TargetAggregateIdentifier String partnerId, String districtId,
                                         PartnerType type, String name, String owningDepartment, String contact) {
    }

    public record FormPairingCommand(@TargetAggregateIdentifier String pairingId, String districtId, String partnerId,
                                     List<String> stationIds, PairingModel model, int activitiesPerQuarter,
                                     LocalDate startDate, LocalDate endDate) {
    }

    public record RecordPairingActivityCommand(@TargetAggregateIdentifier String pairingId, String districtId,
                                               String stationId, String activityId, String title,
                                               LocalDate heldOn) {
    }

    public record EndPairingCommand(@TargetAggregateIdentifier String pairingId, String districtId, String reason,
                                    LocalDate endDate) {
    }
}
