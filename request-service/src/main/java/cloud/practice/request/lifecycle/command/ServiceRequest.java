package cloud.practice.request.lifecycle.command;

import cloud.practice.events.request.MatchRequested;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestLocationFlagged;
import cloud.practice.events.request.RequestRated;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestReopened;
import cloud.practice.events.request.RequestReviewed;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.Stage;
import cloud.practice.events.request.VisitStage;
import cloud.practice.request.lifecycle.api.RequestCommands.AcceptRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.AddStaffNoteCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.AttachEvidenceCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.EraseEvidenceCommand;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.EvidenceStage;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestEvidenceAttached;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestEvidenceErased;
import cloud.practice.request.lifecycle.api.RequestCommands.CancelRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ClaimRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.DeclineOfferCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckInRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckOutRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CompleteRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.DispatchProposedCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.DispatchRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.RecordNoMatchCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.EscalateRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ImportRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.PastEscalation;
import cloud.practice.request.lifecycle.api.RequestCommands.PastStep;
import cloud.practice.request.lifecycle.api.RequestCommands.RateRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReopenRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReviewRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.SubmitRequestCommand;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.MatchNotFound;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.OfferDeclined;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.PossibleDuplicateFlagged;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.ServiceNoted;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.ItemTermsRecorded;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestDetailsRecorded;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestKeyed;
import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.StaffNoteAdded;
import cloud.practice.request.lifecycle.api.RequestStatus;
import cloud.practice.request.lifecycle.api.ServiceRequestMeta;
import cloud.practice.request.directory.VolunteerDirectory;
import cloud.practice.request.directory.VolunteerDirectory.KnownTeam;
import cloud.practice.request.menu.api.LocationRule;
import cloud.practice.support.geo.Geo;
import cloud.practice.support.axon.ExpectedVersion;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.domain.RuleViolation.Kind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.ApplyMore;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A resident's order through the four-order loop. Every rule about who may do what, when, lives here; the one
 * aggregate per request makes "exactly one volunteer wins the accept race" hold (the loser's append conflicts).
 */
@Aggregate
class ServiceRequest {

    @AggregateIdentifier
    private String requestId;
    private String districtId;
    private String requesterId;
    private String unitId;
    private int plannedMinutes;
    private cloud.practice.events.ServicePlatform platform;
    private final Map<Stage, Duration> sla = new EnumMap<>(Stage.class);
    private RequestStatus status;
    private Stage clockStage;
    private Instant clockDueAt;
    private final List<String> offered = new ArrayList<>();
    private final List<String> declined = new ArrayList<>();
    private String offeredTeam;
    private String volunteerId;
    private Instant checkedInAt;
    private Instant completedAt;
    private int attempt;
    private int rating;
    private boolean solved;
    private String menuItemId;
    private cloud.practice.events.GeoPoint location;
    private Instant preferredFrom;
    private Instant preferredTo;
    private int minimumSkillLevel;
    private int peopleNeeded = 1;
    private int matchAttempt;
    /**
     * The last match attempt whose answer was applied (a dispatch or "no match"): its answer coming again — Kafka
     * delivers at least once and the consumer keeps no ledger — changes nothing, even while the request still waits.
     */
    private int answeredAttempt;
    private Duration reopenWindow;
    /** Photos attached per stage (issue 27); an erased photo still counts: the limit is on uploads. */
    private final Map<EvidenceStage, Integer> evidence = new EnumMap<>(EvidenceStage.class);
    private final java.util.Set<String> evidenceIds = new java.util.HashSet<>();
    /** True only while an imported history is replayed (never restored from events). */
    private transient boolean importing;

    protected ServiceRequest() {
    }

    @CommandHandler
    public ServiceRequest(SubmitRequestCommand command, Clock clock) {
        submit(command, clock.instant());
    }

    /**
     * An earlier request with its history. Axon applies a constructor's events only after it returns, so each step
     * runs as a task queued behind the events before it ({@code andThen}): every step sees the state the previous
     * ones left, and a step the rules refuse fails the whole command.
     */
    @CommandHandler
    public ServiceRequest(ImportRequestCommand command, VolunteerDirectory directory) {
        importing = true;
        ApplyMore more = submit(command.order(), command.submittedAt());
        more.andThen(() -> replay(more, command, 0, directory));
    }

    private ApplyMore submit(SubmitRequestCommand command, Instant now) {
        if (command.preferredFrom() != null && command.preferredTo() != null
                && !command.preferredTo().isAfter(command.preferredFrom())) {
            throw RuleViolation.invalid("preferredTo", "preferredTo must be after preferredFrom");
        }
        apply(new RequestSubmitted(command.requestId(), command.districtId(), command.item().menuItemId(),
                command.item().platform(), command.responsibleUnitId(), command.location(), command.grid(),
                command.channel(), command.requesterId(), Masking.phone(command.contact()), command.preferredFrom(),
                command.preferredTo(), now));
        apply(new RequestDetailsRecorded(command.requestId(), command.districtId(), command.contact(),
                command.address(), command.description(), command.answers()));
        if (command.keyedBy() != null) {
            apply(new RequestKeyed(command.requestId(), command.districtId(), command.keyedBy()));
        }
        apply(new ItemTermsRecorded(command.requestId(), command.item().plannedMinutes(),
                command.item().minimumSkillLevel(), command.item().peopleNeeded(), new EnumMap<>(command.item().sla()),
                command.item().reopenWindow()));
        if (command.possibleDuplicateOf() != null) {
            apply(new PossibleDuplicateFlagged(command.requestId(), command.districtId(), command.possibleDuplicateOf()));
        }
        // In a constructor Axon applies events only after it returns: compute the first due time from the command.
        return apply(new SlaClockStarted(command.requestId(), command.districtId(), Stage.REVIEW,
                command.responsibleUnitId(), dueAt(now, command.item().sla().get(Stage.REVIEW))));
    }

    /** Step {@code index} of an imported history, then (queued behind its events) the next. */
    private void replay(ApplyMore more, ImportRequestCommand command, int index, VolunteerDirectory directory) {
        if (index == command.steps().size()) {
            importing = false;
            if (status == RequestStatus.REVIEWED) {
                requestMatch(); // it still waits for a volunteer: matching takes it from here
            }
            return;
        }
        PastStep step = command.steps().get(index);
        Clock then = Clock.fixed(step.at(), ZoneOffset.UTC);
        try {
            Object past = step.command();
            if (past instanceof ReviewRequestCommand review) {
                handle(review, then);
            } else if (past instanceof DispatchRequestCommand dispatch) {
                handle(dispatch, then, directory);
            } else if (past instanceof AcceptRequestCommand accept) {
                handle(accept, then, directory);
            } else if (past instanceof CheckInRequestCommand checkIn) {
                handle(checkIn, directory);
            } else if (past instanceof CheckOutRequestCommand checkOut) {
                handle(checkOut);
            } else if (past instanceof CompleteRequestCommand complete) {
                handle(complete, then);
            } else if (past instanceof RateRequestCommand rate) {
                handle(rate, then);
            } else if (past instanceof ReopenRequestCommand reopen) {
                handle(reopen, then);
            } else if (past instanceof CancelRequestCommand cancel) {
                handle(cancel, then);
            } else if (past == PastEscalation.CLOCK_RAN_OUT) {
                int at = command.unitChain().indexOf(unitId);
                String above = at >= 0 && at + 1 < command.unitChain().size() ? command.unitChain().get(at + 1) : null;
                if (!handle(new EscalateRequestCommand(requestId, clockStage, clockDueAt, above), then)) {
                    throw illegal("escalate");
                }
            } else {
                throw new IllegalArgumentException("not a lifecycle step: " + past);
            }
        } catch (RuleViolation refused) {
            // Name the step the rules refused, so the sender can correct its record.
            Map<String, Object> properties = new java.util.LinkedHashMap<>(refused.properties());
            properties.put("step", index);
            throw new RuleViolation(refused.kind(), refused.code(), refused.field(),
                    "steps[" + index + "]: " + refused.getMessage(), properties);
        }
        more.andThen(() -> replay(more, command, index + 1, directory));
    }

    @CommandHandler
    public void handle(ReviewRequestCommand command, Clock clock) {
        require(RequestStatus.SUBMITTED, "review");
        Instant now = clock.instant();
        if (command.accept()) {
            apply(new RequestReviewed(requestId, districtId, unitId, command.reviewerId(), now));
            startClock(Stage.DISPATCH, unitId, now);
            requestMatch();
        } else {
            if (command.reason() == null || command.reason().isBlank()) {
                throw RuleViolation.invalid("reason", "A rejection needs a reason the requester can read");
            }
            apply(new RequestRejected(requestId, districtId, unitId, command.reason(), now));
        }
    }

    /**
     * A dispatch by hand names volunteers and/or a team of this request's district, each registered and usable now
     * (an imported past step: known in the district, whatever became of them since); else 422 naming the field.
     */
    @CommandHandler
    public void handle(DispatchRequestCommand command, Clock clock, VolunteerDirectory directory) {
        if (status != RequestStatus.REVIEWED && status != RequestStatus.DISPATCHED) {
            throw illegal("dispatch");
        }
        if (command.volunteerIds().isEmpty() && command.teamId() == null) {
            throw RuleViolation.invalid("volunteerIds", "Dispatch to at least one volunteer or to a team");
        }
        for (int i = 0; i < command.volunteerIds().size(); i++) {
            requireVolunteer(directory, command.volunteerIds().get(i), "volunteerIds[" + i + "]");
        }
        if (command.teamId() != null) {
            requireTeam(directory, command.teamId(), "teamId");
        }
        Instant now = clock.instant();
        apply(new RequestDispatched(requestId, districtId, unitId, List.copyOf(command.volunteerIds()),
                command.teamId(), command.mode(), attempt + 1, now));
        startClock(Stage.ACCEPT, unitId, now);
    }

    /**
     * volunteer-service ranks candidates of this district, but the offer goes only to those this service knows as
     * active volunteers of the district: the others are skipped, never offered. When none is left the answer counts
     * as "no match" and the request stays with its unit for a dispatch by hand, so nothing waits forever.
     */
    @CommandHandler
    public boolean handle(DispatchProposedCommand command, Clock clock, VolunteerDirectory directory) {
        if (status != RequestStatus.REVIEWED || command.attempt() != matchAttempt
                || command.attempt() <= answeredAttempt || command.candidateIds().isEmpty()) {
            return false; // stale or redelivered answer, or dispatched by hand meanwhile
        }
        List<String> usable = directory.activeAmong(districtId, command.candidateIds());
        if (usable.isEmpty()) {
            apply(new MatchNotFound(requestId, districtId, command.attempt(),
                    "none of the proposed candidates is known here as an active volunteer of the district"));
            return true;
        }
        Instant now = clock.instant();
        apply(new RequestDispatched(requestId, districtId, unitId, usable, null, "AUTOMATIC", attempt + 1, now));
        startClock(Stage.ACCEPT, unitId, now);
        return true;
    }

    @CommandHandler
    public boolean handle(RecordNoMatchCommand command) {
        if (status != RequestStatus.REVIEWED || command.attempt() != matchAttempt
                || command.attempt() <= answeredAttempt) {
            return false;
        }
        apply(new MatchNotFound(requestId, districtId, command.attempt(), command.reason()));
        return true;
    }

    /** Asks volunteer-service for candidates (through Kafka: if it is down, the question waits there). */
    private void requestMatch() {
        if (importing) {
            return; // a past step: nobody is matched for what happened before
        }
        apply(new MatchRequested(requestId, districtId, matchAttempt + 1, menuItemId, platform, minimumSkillLevel,
                location, unitId, preferredFrom, preferredTo, peopleNeeded));
    }

    /**
     * Only the leader of an active team of this district claims, for that team (抢单), and only within the team's
     * remit: a request of one of the team's platforms whose responsible unit is the team's unit or below it
     * ({@link KnownTeam#covers}, the same rule that lists what a leader may claim).
     */
    @CommandHandler
    public void handle(ClaimRequestCommand command, Clock clock, VolunteerDirectory directory, OrgUnitDirectory units) {
        if (status != RequestStatus.REVIEWED) {
            throw RuleViolation.conflict("not-open", "Only an order waiting for dispatch can be claimed; '"
                    + requestId + "' is " + status);
        }
        KnownTeam team = requireTeam(directory, command.teamId(), "teamId");
        requireVolunteer(directory, command.leaderId(), "leaderId");
        if (!team.ledBy(command.leaderId())) {
            throw new RuleViolation(Kind.FORBIDDEN, "not-team-leader", "leaderId", "Only the leader of team '"
                    + command.teamId() + "' may claim for it", Map.of());
        }
        if (!team.covers(platform, unitId, units)) {
            throw new RuleViolation(Kind.REFUSED, "outside-team-remit", "teamId", "Team '" + command.teamId()
                    + "' claims requests of its platforms " + team.platforms() + " at unit '" + team.unitId()
                    + "' and below only; '" + requestId + "' is not one", Map.of());
        }
        Instant now = clock.instant();
        apply(new RequestDispatched(requestId, districtId, unitId, List.of(), command.teamId(), "CLAIMED",
                attempt + 1, now));
        apply(new RequestAccepted(requestId, districtId, command.leaderId(), command.teamId(), now));
        startClock(Stage.COMPLETE, unitId, now);
    }

    @CommandHandler
    public void handle(DeclineOfferCommand command) {
        require(RequestStatus.DISPATCHED, "decline");
        if (!offered.contains(command.volunteerId()) || declined.contains(command.volunteerId())) {
            throw new RuleViolation(Kind.FORBIDDEN, "not-offered", "Request '" + requestId
                    + "' is not on offer to '" + command.volunteerId() + "'");
        }
        apply(new OfferDeclined(requestId, districtId, command.volunteerId(), command.reason()));
        if (offeredTeam == null && declined.containsAll(offered)) {
            requestMatch(); // everyone said no: ask for new candidates
        }
    }

    /**
     * An offered volunteer accepts: one offered by name, or a member of the team it was offered to (as the team is
     * now; an imported past step is not checked against today's members). The volunteer must be an active volunteer
     * of this district (imported: known in it).
     */
    @CommandHandler
    public void handle(AcceptRequestCommand command, Clock clock, VolunteerDirectory directory) {
        if (status == RequestStatus.ACCEPTED || status == RequestStatus.IN_SERVICE || status == RequestStatus.SERVED) {
            throw RuleViolation.conflict("already-accepted", "Request '" + requestId + "' was already accepted"
                    + (Objects.equals(volunteerId, command.volunteerId()) ? " by you" : " by another volunteer"));
        }
        require(RequestStatus.DISPATCHED, "accept");
        requireVolunteer(directory, command.volunteerId(), "volunteerId");
        boolean byName = offered.contains(command.volunteerId()) && !declined.contains(command.volunteerId());
        boolean teamMember = offeredTeam != null && (importing
                || directory.team(districtId, offeredTeam).map(team -> team.hasMember(command.volunteerId()))
                .orElse(false));
        if (!byName && !teamMember) {
            throw new RuleViolation(Kind.FORBIDDEN, "not-offered", "Request '" + requestId
                    + "' was not offered to '" + command.volunteerId() + "'"
                    + (offeredTeam == null ? "" : " nor to a team of theirs"));
        }
        Instant now = clock.instant();
        apply(new RequestAccepted(requestId, districtId, command.volunteerId(), offeredTeam, now));
        startClock(Stage.COMPLETE, unitId, now);
    }

    /**
     * Starting the service needs the volunteer active now (a volunteer deactivated since accepting does not start a
     * visit; the unit cancels or the clock escalates). Checking out and completing are never refused for the
     * volunteer's status: they record service already given, whose hours are owed.
     */
    @CommandHandler
    public void handle(CheckInRequestCommand command, VolunteerDirectory directory) {
        requireServingVolunteer(command.volunteerId(), RequestStatus.ACCEPTED, "check in");
        requireVolunteer(directory, command.volunteerId(), "volunteerId");
        Integer beyond = beyondLimit(command.location(), command.rule(), "check in");
        apply(new RequestCheckedIn(requestId, districtId, command.volunteerId(), command.at(), command.location()));
        flag(beyond, command.rule(), command.volunteerId(), VisitStage.CHECK_IN, command.at());
    }

    @CommandHandler
    public void handle(CheckOutRequestCommand command) {
        requireServingVolunteer(command.volunteerId(), RequestStatus.IN_SERVICE, "check out");
        if (!command.at().isAfter(checkedInAt)) {
            throw RuleViolation.invalid("at", "Check-out must be after check-in at " + checkedInAt);
        }
        Integer beyond = beyondLimit(command.location(), command.rule(), "check out");
        apply(new RequestCheckedOut(requestId, districtId, command.volunteerId(), unitId, platform, checkedInAt,
                command.at(), plannedMinutes));
        flag(beyond, command.rule(), command.volunteerId(), VisitStage.CHECK_OUT, command.at());
        if (command.notes() != null && !command.notes().isBlank()) {
            apply(new ServiceNoted(requestId, districtId, command.volunteerId(), command.notes()));
        }
    }

    /**
     * The district's location rule on a check-in or check-out: the distance in whole metres when it is beyond the
     * limit and the rule flags it, null when there is nothing to flag. Checked only when both the request's location
     * and the volunteer's are known (a volunteer may choose not to share theirs) and a rule is given (an imported
     * past step has none). Beyond the limit under {@code REFUSE}: 422 {@code too-far-from-the-request} naming
     * {@code location}, before anything is applied. At the limit exactly is within it.
     */
    private Integer beyondLimit(cloud.practice.events.GeoPoint reported, LocationRule rule, String action) {
        if (rule == null || importing || location == null || reported == null) {
            return null;
        }
        int meters = (int) Math.round(Geo.distanceKm(location, reported) * 1000);
        if (meters <= rule.limitMeters()) {
            return null;
        }
        if (rule.beyond() == LocationRule.Beyond.REFUSE) {
            throw new RuleViolation(Kind.REFUSED, "too-far-from-the-request", "location", "Cannot " + action
                    + " " + meters + " m from the request's location: this district allows " + rule.limitMeters()
                    + " m", Map.of("distanceMeters", meters, "limitMeters", rule.limitMeters()));
        }
        return meters;
    }

    /** The flag for the station's review, right after the check-in or check-out it is about. */
    private void flag(Integer meters, LocationRule rule, String volunteer, VisitStage stage, Instant at) {
        if (meters != null) {
            apply(new RequestLocationFlagged(requestId, districtId, unitId, volunteer, stage, meters,
                    rule.limitMeters(), at));
        }
    }

    @CommandHandler
    public void handle(CompleteRequestCommand command, Clock clock) {
        requireServingVolunteer(command.volunteerId(), RequestStatus.SERVED, "complete");
        apply(new RequestCompleted(requestId, districtId, clock.instant()));
    }

    @CommandHandler
    public void handle(RateRequestCommand command, Clock clock) {
        requireRequester(command.requesterId());
        require(RequestStatus.COMPLETED, "rate");
        apply(new RequestRated(requestId, districtId, command.rating(), command.solved(), command.comment(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(ReopenRequestCommand command, Clock clock) {
        requireRequester(command.requesterId());
        if (status != RequestStatus.COMPLETED && status != RequestStatus.RATED) {
            throw illegal("reopen");
        }
        if (status == RequestStatus.RATED && rating > 2 && solved) {
            throw RuleViolation.refused("reopen-needs-low-rating", "A request rated " + rating
                    + " and solved cannot be reopened; a low rating (1-2) or 'not solved' can");
        }
        Instant now = clock.instant();
        if (now.isAfter(completedAt.plus(reopenWindow))) {
            throw RuleViolation.refused("reopen-window-closed", "A request can be reopened within " + reopenWindow
                    + " of completion");
        }
        apply(new RequestReopened(requestId, districtId, command.reason(), now));
        startClock(Stage.DISPATCH, unitId, now);
        requestMatch();
    }

    @CommandHandler
    public void handle(CancelRequestCommand command, Clock clock) {
        requireRequester(command.requesterId());
        if (!status.isOpen() || status == RequestStatus.COMPLETED || status == RequestStatus.SERVED) {
            throw illegal("cancel");
        }
        apply(new RequestCancelled(requestId, districtId, command.reason(), clock.instant()));
    }

    /**
     * A staff note, in every status: the order's story goes on after it closes (a follow-up call, a complaint). Who
     * may write one is decided before the command (the admins who handle the request, as for review); here only the
     * text: 1 to {@link AddStaffNoteCommand#MAX_CHARACTERS} characters once trimmed (Unicode whitespace, the
     * ideographic space of Chinese input too).
     */
    @CommandHandler
    public void handle(AddStaffNoteCommand command, Clock clock) {
        String text = command.text() == null ? "" : command.text().strip();
        if (text.isEmpty()) {
            throw RuleViolation.invalid("text", "A note needs some text");
        }
        int characters = text.codePointCount(0, text.length());
        if (characters > AddStaffNoteCommand.MAX_CHARACTERS) {
            throw RuleViolation.invalid("text", "A note holds at most " + AddStaffNoteCommand.MAX_CHARACTERS
                    + " characters; this one has " + characters);
        }
        apply(new StaffNoteAdded(requestId, districtId, command.authorId(), text, clock.instant()));
    }

    /**
     * A photo as evidence (issue 27): from check-in (CHECK_OUT) or check-out (COMPLETION) until
     * {@link AttachEvidenceCommand#WINDOW} after completion, while the accepting volunteer still serves it (a reopened
     * request is back to dispatch). The volunteer only for their own request; staff as access let them.
     */
    @CommandHandler
    public void handle(AttachEvidenceCommand command, Clock clock) {
        if (!command.byStaff() && volunteerId != null && !volunteerId.equals(command.uploadedBy())) {
            throw new RuleViolation(Kind.FORBIDDEN, "not-your-request", "Only the volunteer who accepted '"
                    + requestId + "' may attach photos to it");
        }
        boolean checkedIn = status == RequestStatus.IN_SERVICE || status == RequestStatus.SERVED
                || status == RequestStatus.COMPLETED || status == RequestStatus.RATED;
        boolean open = command.stage() == EvidenceStage.CHECK_OUT ? checkedIn
                : checkedIn && status != RequestStatus.IN_SERVICE;
        if (!open) {
            throw RuleViolation.conflict("evidence-not-open", "Photos of stage " + command.stage() + " are attached "
                    + (command.stage() == EvidenceStage.CHECK_OUT ? "from check-in" : "from check-out")
                    + " until " + AttachEvidenceCommand.WINDOW.toDays() + " days after completion; request '"
                    + requestId + "' is " + status);
        }
        Instant now = clock.instant();
        if (completedAt != null && now.isAfter(completedAt.plus(AttachEvidenceCommand.WINDOW))) {
            throw RuleViolation.refused("evidence-window-closed", "Photos are attached until "
                    + AttachEvidenceCommand.WINDOW.toDays() + " days after completion (" + completedAt + ")");
        }
        if (evidenceIds.contains(command.evidenceId())) {
            return; // the same photo again: attached once
        }
        if (evidence.getOrDefault(command.stage(), 0) >= AttachEvidenceCommand.MAX_PER_STAGE) {
            throw RuleViolation.conflict("too-many-photos", "At most " + AttachEvidenceCommand.MAX_PER_STAGE
                    + " photos per stage; " + command.stage() + " of '" + requestId + "' has them");
        }
        apply(new RequestEvidenceAttached(requestId, districtId, command.evidenceId(), command.stage(),
                command.uploadedBy(), command.contentType(), command.bytes(), command.width(), command.height(),
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
    }

    /** Once per photo; a photo this request never had changes nothing. */
    @CommandHandler
    public boolean handle(EraseEvidenceCommand command) {
        if (!evidenceIds.contains(command.evidenceId())) {
            return false;
        }
        apply(new RequestEvidenceErased(requestId, districtId, command.evidenceId(), command.stage(), command.at()));
        return true;
    }

    /** Idempotent: a clock that already moved on (or a repeated escalation) changes nothing. */
    @CommandHandler
    public boolean handle(EscalateRequestCommand command, Clock clock) {
        if (!status.isOpen() || command.stage() != clockStage || !command.dueAt().equals(clockDueAt)) {
            return false;
        }
        Instant now = clock.instant();
        if (command.toUnitId() == null) {
            apply(new RequestExpired(requestId, districtId, command.stage(), now));
            return true;
        }
        apply(new RequestEscalated(requestId, districtId, command.stage(), unitId, command.toUnitId(),
                command.dueAt(), now));
        if (command.stage() == Stage.ACCEPT && status == RequestStatus.DISPATCHED) {
            // Nobody took the offer in time: the unit above dispatches again, with fresh candidates.
            startClock(Stage.DISPATCH, command.toUnitId(), now);
            requestMatch();
        } else {
            startClock(command.stage(), command.toUnitId(), now);
        }
        return true;
    }

    /** A command naming another district finds nothing: districts never see each other's requests. */
    @CommandHandlerInterceptor
    public Object withinDistrict(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object district = command.getMetaData().get(ServiceRequestMeta.DISTRICT);
        if (district != null && !district.equals(districtId)) {
            throw RuleViolation.notFound("request", requestId);
        }
        ExpectedVersion.check(command, "Request", requestId);
        return chain.proceed();
    }

    /**
     * The volunteer an action names, looked up in this request's district only: active now (an imported past step:
     * registered in the district at all). Unknown answers 422 {@code unknown-volunteer}, retryable (one registered
     * moments ago may not have reached this service yet); paused, deactivated or erased answers 422
     * {@code volunteer-not-active}.
     */
    private void requireVolunteer(VolunteerDirectory directory, String volunteer, String field) {
        if (importing) {
            directory.requireKnown(districtId, volunteer, field);
        } else {
            directory.requireActive(districtId, volunteer, field);
        }
    }

    /** The team an action names, looked up in this request's district only: formed and not dissolved (imported: formed). */
    private KnownTeam requireTeam(VolunteerDirectory directory, String teamId, String field) {
        return directory.team(districtId, teamId).filter(team -> importing || team.active())
                .orElseThrow(() -> new RuleViolation(Kind.REFUSED, "unknown-team", field, "'" + teamId
                        + "' is not an active team of this district (one formed moments ago may not be known here"
                        + " yet: retry shortly)", Map.of("retryable", true)));
    }

    private void startClock(Stage stage, String unit, Instant from) {
        apply(new SlaClockStarted(requestId, districtId, stage, unit, dueAt(from, sla.get(stage))));
    }

    /** Due times are kept to the millisecond, the precision at which the clock store holds them. */
    private static Instant dueAt(Instant from, Duration target) {
        return from.plus(target).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private void require(RequestStatus expected, String action) {
        if (status != expected) {
            throw illegal(action);
        }
    }

    private RuleViolation illegal(String action) {
        return RuleViolation.conflict("illegal-transition", "Cannot " + action + " request '" + requestId
                + "' while it is " + status);
    }

    private void requireServingVolunteer(String volunteer, RequestStatus expected, String action) {
        if (volunteerId != null && !volunteerId.equals(volunteer)) {
            throw new RuleViolation(Kind.FORBIDDEN, "not-your-request", "Only the volunteer who accepted '"
                    + requestId + "' may " + action + " it");
        }
        require(expected, action);
    }

    private void requireRequester(String requester) {
        if (requesterId != null && !requesterId.equals(requester)) {
            throw new RuleViolation(Kind.FORBIDDEN, "not-your-request", "Only the requester may do this");
        }
    }

    // ----------------------------------------------------------------------------------------- event sourcing

    @EventSourcingHandler
    void on(RequestSubmitted event) {
        requestId = event.requestId();
        districtId = event.districtId();
        requesterId = event.requesterId();
        unitId = event.responsibleUnitId();
        platform = event.platform();
        menuItemId = event.menuItemId();
        location = event.location();
        preferredFrom = event.preferredFrom();
        preferredTo = event.preferredTo();
        status = RequestStatus.SUBMITTED;
    }

    @EventSourcingHandler
    void on(MatchRequested event) {
        matchAttempt = event.attempt();
        if (status == RequestStatus.DISPATCHED) {
            status = RequestStatus.REVIEWED; // re-matching after every offer was declined
        }
    }

    @EventSourcingHandler
    void on(MatchNotFound event) {
        answeredAttempt = Math.max(answeredAttempt, event.attempt());
    }

    @EventSourcingHandler
    void on(OfferDeclined event) {
        declined.add(event.volunteerId());
    }

    @EventSourcingHandler
    void on(ItemTermsRecorded event) {
        plannedMinutes = event.plannedMinutes();
        minimumSkillLevel = event.minimumSkillLevel();
        peopleNeeded = event.peopleNeeded();
        reopenWindow = event.reopenWindow();
        sla.putAll(event.sla());
    }

    @EventSourcingHandler
    void on(SlaClockStarted event) {
        clockStage = event.stage();
        clockDueAt = event.dueAt();
    }

    @EventSourcingHandler
    void on(RequestReviewed event) {
        status = RequestStatus.REVIEWED;
    }

    @EventSourcingHandler
    void on(RequestRejected event) {
        status = RequestStatus.REJECTED;
    }

    @EventSourcingHandler
    void on(RequestDispatched event) {
        if ("AUTOMATIC".equals(event.mode())) {
            answeredAttempt = Math.max(answeredAttempt, matchAttempt);
        }
        status = RequestStatus.DISPATCHED;
        attempt = event.attempt();
        offered.clear();
        offered.addAll(event.volunteerIds());
        declined.clear();
        offeredTeam = event.teamId();
    }

    @EventSourcingHandler
    void on(RequestAccepted event) {
        status = RequestStatus.ACCEPTED;
        volunteerId = event.volunteerId();
    }

    @EventSourcingHandler
    void on(RequestCheckedIn event) {
        status = RequestStatus.IN_SERVICE;
        checkedInAt = event.at();
    }

    @EventSourcingHandler
    void on(RequestCheckedOut event) {
        status = RequestStatus.SERVED;
    }

    @EventSourcingHandler
    void on(RequestCompleted event) {
        status = RequestStatus.COMPLETED;
        completedAt = event.completedAt();
        clockStage = null;
    }

    @EventSourcingHandler
    void on(RequestRated event) {
        status = RequestStatus.RATED;
        rating = event.rating();
        solved = event.solved();
    }

    @EventSourcingHandler
    void on(RequestReopened event) {
        status = RequestStatus.REVIEWED;
        volunteerId = null;
        offered.clear();
        offeredTeam = null;
    }

    @EventSourcingHandler
    void on(RequestCancelled event) {
        status = RequestStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(RequestEscalated event) {
        unitId = event.toUnitId();
    }

    @EventSourcingHandler
    void on(RequestExpired event) {
        status = RequestStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(RequestEvidenceAttached event) {
        evidence.merge(event.stage(), 1, Integer::sum);
        evidenceIds.add(event.evidenceId());
    }

    @EventSourcingHandler
    void on(RequestEvidenceErased event) {
        evidenceIds.remove(event.evidenceId());
    }
}
