package cloud.practice.hierarchy.pairing.api;

import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.hierarchy.PartnerType;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;
import java.util.List;

/**
 * Commands of the pairing programme (结对帮带): partners, and pairings of partners with stations.
 *
 * <p>Partner and pairing ids are chosen by clients and are unique within their district only, so the aggregate
 * behind them is keyed {@code <district>/partner/<partnerId>} and {@code <district>/pairing/<pairingId>} (as menu
 * items are keyed by district and code): two districts may both have {@code partner-1}, and a partner and a pairing
 * may share an id. Every command names the public id and the district and targets the district's aggregate; events
 * and read models carry the public id and the district.
 */
public final class PairingCommands {

    private PairingCommands() {
    }

    public static String partnerAggregateId(String districtId, String partnerId) {
        return districtId + "/partner/" + partnerId;
    }

    public static String pairingAggregateId(String districtId, String pairingId) {
        return districtId + "/pairing/" + pairingId;
    }

    /**
     * Sends a command that creates a partner or pairing. Another request creating the same id first (between the
     * caller's check and this append) makes the event store refuse the stream; that is {@code taken}, the caller's
     * 409, never a 500.
     */
    public static void create(CommandGateway commands, Object command, RuntimeException taken) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException e) {
            throw taken;
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof AggregateStreamCreationException) {
                throw taken;
            }
            throw e;
        }
    }

    public record RegisterPartnerCommand(String partnerId, String districtId, PartnerType type, String name,
                                         String owningDepartment, String contact) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return partnerAggregateId(districtId, partnerId);
        }
    }

    public record FormPairingCommand(String pairingId, String districtId, String partnerId, List<String> stationIds,
                                     PairingModel model, int activitiesPerQuarter, LocalDate startDate,
                                     LocalDate endDate) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return pairingAggregateId(districtId, pairingId);
        }
    }

    public record RecordPairingActivityCommand(String pairingId, String districtId, String stationId,
                                               String activityId, String title, LocalDate heldOn) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return pairingAggregateId(districtId, pairingId);
        }
    }

    public record EndPairingCommand(String pairingId, String districtId, String reason, LocalDate endDate) {

        @TargetAggregateIdentifier
        public String aggregateId() {
            return pairingAggregateId(districtId, pairingId);
        }
    }
}
