package cloud.practice.request.lifecycle.api;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.Stage;
import cloud.practice.request.menu.api.LocationRule;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Commands of a service request through the four-order loop (点单, 派单, 接单, 评单) and its SLA clocks. */
public final class RequestCommands {

    private RequestCommands() {
    }

    /** The menu item as it was when ordered: the request keeps its own copy of what it needs. */
    public record OrderedItem(String menuItemId, ServicePlatform platform, int minimumSkillLevel, int plannedMinutes,
                              int peopleNeeded, Map<Stage, Duration> sla, Duration reopenWindow) {

        /** The copy taken from the menu at the moment of ordering (every way in orders the same). */
        public static OrderedItem of(cloud.practice.request.menu.query.MenuItemView item) {
            Map<Stage, Duration> sla = new java.util.EnumMap<>(Stage.class);
            item.sla.forEach((stage, duration) -> sla.put(Stage.valueOf(stage), Duration.parse(duration)));
            return new OrderedItem(item.itemId, item.platform, item.minimumSkillLevel, item.expectedMinutes,
                    item.peopleNeeded, sla, Duration.parse(item.reopenWindow));
        }
    }

    /** {@code keyedBy}: the account or machine client that sent the order (null only in records made before it). */
    public record SubmitRequestCommand(@TargetAggregateIdentifier String requestId, String districtId,
                                       OrderedItem item, String responsibleUnitId, GeoPoint location, String grid,
                                       Channel channel, String requesterId, String contact, String address,
                                       String description,
                                       Map<String, Object> answers, Instant preferredFrom, Instant preferredTo,
                                       String possibleDuplicateOf, String keyedBy) {
    }

    public record ReviewRequestCommand(@TargetAggregateIdentifier String requestId, boolean accept, String reviewerId,
                                       String reason) {
    }

    public record DispatchRequestCommand(@TargetAggregateIdentifier String requestId, List<String> volunteerIds,
                                         String teamId, String mode) {
    }

    /**
     * volunteer-service's answer to this request's match request: dispatch to the best candidates. Ignored when it
     * answers an older attempt or the request no longer waits for dispatch (a person dispatched by hand meanwhile).
     */
    public record DispatchProposedCommand(@TargetAggregateIdentifier String requestId, int attempt,
                                          List<String> candidateIds) {
    }

    /** volunteer-service found nobody: the request stays with its unit for a dispatch by hand. */
    public record RecordNoMatchCommand(@TargetAggregateIdentifier String requestId, int attempt, String reason) {
    }

    /** A team claims an open order (抢单): it is dispatched to the team and accepted by it at once. */
    public record ClaimRequestCommand(@TargetAggregateIdentifier String requestId, String teamId, String leaderId) {
    }

    /** An offered volunteer declines; when everyone offered has declined, the request is matched again. */
    public record DeclineOfferCommand(@TargetAggregateIdentifier String requestId, String volunteerId,
                                      String reason) {
    }

    public record AcceptRequestCommand(@TargetAggregateIdentifier String requestId, String volunteerId) {
    }

    /**
     * {@code location}: where the volunteer reports being (null: not shared); {@code rule}: the district's check-in
     * location rule as it stands now (null: not checked, as for an imported past step).
     */
    public record CheckInRequestCommand(@TargetAggregateIdentifier String requestId, String volunteerId, Instant at,
                                        GeoPoint location, LocationRule rule) {

        /** A check-in whose location is not checked against any rule. */
        public CheckInRequestCommand(String requestId, String volunteerId, Instant at, GeoPoint location) {
            this(requestId, volunteerId, at, location, null);
        }
    }

    /** {@code location} and {@code rule} as for {@link CheckInRequestCommand}. */
    public record CheckOutRequestCommand(@TargetAggregateIdentifier String requestId, String volunteerId, Instant at,
                                         String notes, GeoPoint location, LocationRule rule) {

        /** A check-out without a location (none to check). */
        public CheckOutRequestCommand(String requestId, String volunteerId, Instant at, String notes) {
            this(requestId, volunteerId, at, notes, null, null);
        }
    }

    public record CompleteRequestCommand(@TargetAggregateIdentifier String requestId, String volunteerId) {
    }

    public record RateRequestCommand(@TargetAggregateIdentifier String requestId, String requesterId, int rating,
                                     boolean solved, String comment) {
    }

    public record ReopenRequestCommand(@TargetAggregateIdentifier String requestId, String requesterId,
                                       String reason) {
    }

    public record CancelRequestCommand(@TargetAggregateIdentifier String requestId, String requesterId,
                                       String reason) {
    }

    /**
     * A staff member's note on the order (the staff console's "notes"), in any status, closed ones included: a note
     * after completion is normal. {@code authorId}: the caller's account (or machine client); {@code text} as sent,
     * the aggregate trims it and holds it to {@link #MAX_CHARACTERS}.
     */
    public record AddStaffNoteCommand(@TargetAggregateIdentifier String requestId, String authorId, String text) {

        /** The longest note, in characters (Unicode code points, so a Chinese character or an emoji is one). */
        public static final int MAX_CHARACTERS = 500;
    }

    /**
     * Attaches a stored photo as evidence (issue 27): by the volunteer who accepted the request ({@code byStaff}
     * false, {@code uploadedBy} their registry id) or by staff who may administer it ({@code byStaff} true; access
     * checked before), from check-in until {@link #WINDOW} after completion, at most {@link #MAX_PER_STAGE} per stage.
     */
    public record AttachEvidenceCommand(@TargetAggregateIdentifier String requestId, String evidenceId,
                                        RequestInternalEvents.EvidenceStage stage, String uploadedBy, boolean byStaff,
                                        String contentType, long bytes, int width, int height) {

        public static final int MAX_PER_STAGE = 9;
        public static final Duration WINDOW = Duration.ofDays(7);
    }

    /** The photo's files are gone with its uploader's personal data: the history says so. */
    public record EraseEvidenceCommand(@TargetAggregateIdentifier String requestId, String evidenceId,
                                       RequestInternalEvents.EvidenceStage stage, Instant at) {
    }

    /** Sent when a stage's clock ran out: the request moves to {@code toUnitId}, or expires at the top. */
    public record EscalateRequestCommand(@TargetAggregateIdentifier String requestId, Stage stage, Instant dueAt,
                                         String toUnitId) {
    }

    /**
     * A request that happened before it reached this platform (a district bringing its earlier records): ordered at
     * {@code submittedAt}, then every step at its own time through the same rules as the live commands. Atomic: one
     * step the rules refuse and nothing is recorded. {@code unitChain} is the responsible unit and its ancestors,
     * bottom up, where an escalation step climbs.
     */
    public record ImportRequestCommand(@TargetAggregateIdentifier String requestId, SubmitRequestCommand order,
                                       Instant submittedAt, List<PastStep> steps, List<String> unitChain) {
    }

    /**
     * One step of an imported history: a lifecycle command ({@link ReviewRequestCommand}, {@link
     * DispatchRequestCommand}, {@link AcceptRequestCommand}, {@link CheckInRequestCommand}, {@link
     * CheckOutRequestCommand}, {@link CompleteRequestCommand}, {@link RateRequestCommand}, {@link
     * ReopenRequestCommand}, {@link CancelRequestCommand}) or {@link PastEscalation#CLOCK_RAN_OUT}, as it happened at
     * {@code at}.
     */
    public record PastStep(Instant at, Object command) {
    }

    /** The step of an imported history where the stage's clock ran out and the request climbed the tree. */
    public enum PastEscalation { CLOCK_RAN_OUT }
}
