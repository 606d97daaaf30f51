package cloud.practice.request.lifecycle.command;

import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.request.directory.Directories;
import org.springframework.http.HttpStatus;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.events.request.MatchRequested;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCancelled;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestRated;
import cloud.practice.events.request.RequestRejected;
import cloud.practice.events.request.RequestReopened;
import cloud.practice.events.request.RequestReviewed;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.Stage;
import cloud.practice.request.lifecycle.api.RequestCommands.AcceptRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.AddStaffNoteCommand;
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
import cloud.practice.request.lifecycle.api.RequestCommands.OrderedItem;
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
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.web.ProblemHandling;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;

/** Every transition of the four-order loop, the illegal ones, the accept race and the SLA clocks. */
class ServiceRequestTest {

    static final String ID = "req-1";
    static final String D = "cq-jiulongpo";
    static final Instant T0 = Instant.parse("2026-03-07T01:00:00Z");
    static final Map<Stage, Duration> SLA = Map.of(Stage.REVIEW, Duration.ofHours(2), Stage.DISPATCH,
            Duration.ofHours(4), Stage.ACCEPT, Duration.ofHours(8), Stage.COMPLETE, Duration.ofDays(3));

    static final String OTHER = "cq-yuzhong";

    private AggregateTestFixture<ServiceRequest> fixture;
    /** Volunteers and teams as request-service knows them; team-9 is led by leader-9 with member m-9. */
    private Directories directories;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ServiceRequest.class);
        fixture.registerInjectableResource(Clock.fixed(T0, ZoneOffset.UTC));
        directories = new Directories().volunteer(D, "v-1", "v-2", "v-3", "v-7", "v-9", "leader-9", "m-9")
                .team(D, "team-9", "leader-9", "m-9").volunteer(OTHER, "v-other", "leader-o").team(OTHER, "team-o", "leader-o");
        fixture.registerInjectableResource(directories.volunteers);
        fixture.registerInjectableResource(directories.units);
    }

    /** The refusal a caller sees: status, problem type and the field it names. */
    static org.hamcrest.Matcher<?> refused(HttpStatus status, String type, String field) {
        return Matchers.predicate(e -> e instanceof RuleViolation refusal
                && ProblemHandling.statusOf(refusal.kind()) == status && refusal.code().equals(type)
                && (field == null || field.equals(refusal.field())));
    }

    static SubmitRequestCommand submit() {
        return new SubmitRequestCommand(ID, D, new OrderedItem("cq-jiulongpo/CARE-01", ServicePlatform.CARE, 2, 90, 1, SLA, Duration.ofDays(7)),
                "s-pl", new GeoPoint(29.5, 106.5), "盘龙社区第3网格", Channel.APP, "resident-42", "13812345678",
                "盘龙大道1号", "老人需要陪同就医", Map.of(), null, null, null, null);
    }

    static List<Object> submitted() {
        return List.of(
                new RequestSubmitted(ID, D, "cq-jiulongpo/CARE-01", ServicePlatform.CARE, "s-pl", new GeoPoint(29.5, 106.5),
                        "盘龙社区第3网格", Channel.APP, "resident-42", "138*****678", null, null, T0),
                new RequestDetailsRecorded(ID, D, "13812345678", "盘龙大道1号", "老人需要陪同就医", Map.of()),
                new ItemTermsRecorded(ID, 90, 2, 1, SLA, Duration.ofDays(7)),
                new SlaClockStarted(ID, D, Stage.REVIEW, "s-pl", T0.plus(Duration.ofHours(2))));
    }

    static List<Object> dispatched() {
        List<Object> events = new ArrayList<>(submitted());
        events.add(new RequestReviewed(ID, D, "s-pl", "admin-1", T0));
        events.add(new SlaClockStarted(ID, D, Stage.DISPATCH, "s-pl", T0.plus(Duration.ofHours(4))));
        events.add(matchRequested(1));
        events.add(new RequestDispatched(ID, D, "s-pl", List.of("v-1", "v-2"), null, "MANUAL", 1, T0));
        events.add(new SlaClockStarted(ID, D, Stage.ACCEPT, "s-pl", T0.plus(Duration.ofHours(8))));
        return events;
    }

    static MatchRequested matchRequested(int attempt) {
        return new MatchRequested(ID, D, attempt, "cq-jiulongpo/CARE-01", ServicePlatform.CARE, 2,
                new GeoPoint(29.5, 106.5), "s-pl", null, null, 1);
    }

    static List<Object> reviewed() {
        List<Object> events = new ArrayList<>(submitted());
        events.add(new RequestReviewed(ID, D, "s-pl", "admin-1", T0));
        events.add(new SlaClockStarted(ID, D, Stage.DISPATCH, "s-pl", T0.plus(Duration.ofHours(4))));
        events.add(matchRequested(1));
        return events;
    }

    @Test
    void shouldAskForCandidatesWhenAcceptedForDispatch() {
        fixture.given(submitted()).when(new ReviewRequestCommand(ID, true, "admin-1", null))
                .expectEvents(new RequestReviewed(ID, D, "s-pl", "admin-1", T0),
                        new SlaClockStarted(ID, D, Stage.DISPATCH, "s-pl", T0.plus(Duration.ofHours(4))),
                        matchRequested(1));
    }

    @Test
    void shouldDispatchAutomaticallyToTheProposedCandidates() {
        fixture.given(reviewed()).when(new DispatchProposedCommand(ID, 1, List.of("v-7", "v-3")))
                .expectEvents(new RequestDispatched(ID, D, "s-pl", List.of("v-7", "v-3"), null, "AUTOMATIC", 1, T0),
                        new SlaClockStarted(ID, D, Stage.ACCEPT, "s-pl", T0.plus(Duration.ofHours(8))))
                .expectResultMessagePayload(true);
    }

    @Test
    void shouldIgnoreAProposalForAnOlderAttempt() {
        fixture.given(reviewed()).when(new DispatchProposedCommand(ID, 0, List.of("v-7")))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void shouldIgnoreAProposalOnceDispatchedByHand() {
        fixture.given(dispatched()).when(new DispatchProposedCommand(ID, 1, List.of("v-7")))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void shouldRecordThatNobodyMatched() {
        fixture.given(reviewed()).when(new RecordNoMatchCommand(ID, 1, "无人具备法律技能"))
                .expectEvents(new MatchNotFound(ID, D, 1, "无人具备法律技能"));
    }

    /**
     * The request waits for its unit after "no match", still reviewed and on the same attempt: that attempt's answer
     * coming again (at least once delivery, no ledger in front of the aggregate) changes nothing.
     */
    @Test
    void shouldIgnoreAnAnswerComingAgainForAnAttemptAlreadyAnswered() {
        List<Object> noMatch = new ArrayList<>(reviewed());
        noMatch.add(new MatchNotFound(ID, D, 1, "无人具备法律技能"));
        fixture.given(noMatch).when(new RecordNoMatchCommand(ID, 1, "无人具备法律技能"))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(noMatch).when(new DispatchProposedCommand(ID, 1, List.of("v-7")))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void shouldLetATeamClaimAnOpenOrder() {
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-9", "leader-9"))
                .expectEvents(new RequestDispatched(ID, D, "s-pl", List.of(), "team-9", "CLAIMED", 1, T0),
                        new RequestAccepted(ID, D, "leader-9", "team-9", T0),
                        new SlaClockStarted(ID, D, Stage.COMPLETE, "s-pl", T0.plus(Duration.ofDays(3))));
    }

    @Test
    void shouldSeekNewCandidatesWhenEveryoneOfferedDeclines() {
        List<Object> oneDeclined = new ArrayList<>(dispatched());
        oneDeclined.add(new OfferDeclined(ID, D, "v-1", "没空"));
        fixture.given(oneDeclined).when(new DeclineOfferCommand(ID, "v-2", "太远"))
                .expectEvents(new OfferDeclined(ID, D, "v-2", "太远"), matchRequested(2));
    }

    @Test
    void shouldNotLetAVolunteerWhoDeclinedAccept() {
        List<Object> declined = new ArrayList<>(dispatched());
        declined.add(new OfferDeclined(ID, D, "v-1", "没空"));
        fixture.given(declined).when(new AcceptRequestCommand(ID, "v-1"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void shouldFlagAPossibleDuplicateWithoutRefusingIt() {
        SubmitRequestCommand again = submit();
        fixture.givenNoPriorActivity().when(new SubmitRequestCommand(again.requestId(), again.districtId(), again.item(),
                        again.responsibleUnitId(), again.location(), again.grid(), again.channel(), again.requesterId(),
                        again.contact(), again.address(), again.description(), again.answers(), null, null, "req-0",
                        null))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.listWithAnyOf(
                        Matchers.equalTo(new PossibleDuplicateFlagged(ID, D, "req-0")))));
    }

    static List<Object> completed() {
        List<Object> events = new ArrayList<>(dispatched());
        events.add(new RequestAccepted(ID, D, "v-1", null, T0));
        events.add(new SlaClockStarted(ID, D, Stage.COMPLETE, "s-pl", T0.plus(Duration.ofDays(3))));
        events.add(new RequestCheckedIn(ID, D, "v-1", T0, null));
        events.add(new RequestCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, T0, T0.plusSeconds(3600), 90));
        events.add(new RequestCompleted(ID, D, T0.plusSeconds(3700)));
        return events;
    }

    @Test
    void shouldMaskTheContactAndStartTheReviewClockWhenOrdered() {
        fixture.givenNoPriorActivity().when(submit()).expectEvents(submitted().toArray());
    }

    @Test
    void shouldRejectWithAReasonTheRequesterSees() {
        fixture.given(submitted()).when(new ReviewRequestCommand(ID, false, "admin-1", "不在服务范围"))
                .expectEvents(new RequestRejected(ID, D, "s-pl", "不在服务范围", T0));
    }

    @Test
    void shouldRefuseARejectionWithoutAReason() {
        fixture.given(submitted()).when(new ReviewRequestCommand(ID, false, "admin-1", " "))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void shouldRefuseToDispatchBeforeReview() {
        fixture.given(submitted()).when(new DispatchRequestCommand(ID, List.of("v-1"), null, "MANUAL"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("while it is SUBMITTED")))
                .expectNoEvents();
    }

    @Test
    void shouldLetAnOfferedVolunteerAcceptAndStartTheCompletionClock() {
        fixture.given(dispatched()).when(new AcceptRequestCommand(ID, "v-2"))
                .expectEvents(new RequestAccepted(ID, D, "v-2", null, T0),
                        new SlaClockStarted(ID, D, Stage.COMPLETE, "s-pl", T0.plus(Duration.ofDays(3))));
    }

    @Test
    void shouldGiveTheSecondAcceptAClearConflict() {
        List<Object> accepted = new ArrayList<>(dispatched());
        accepted.add(new RequestAccepted(ID, D, "v-1", null, T0));
        fixture.given(accepted).when(new AcceptRequestCommand(ID, "v-2"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("by another volunteer")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAnAcceptByAVolunteerItWasNotOfferedTo() {
        fixture.given(dispatched()).when(new AcceptRequestCommand(ID, "v-9"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void shouldCapNothingHereButReportThePlannedMinutesOnCheckOut() {
        List<Object> inService = new ArrayList<>(dispatched());
        inService.add(new RequestAccepted(ID, D, "v-1", null, T0));
        inService.add(new RequestCheckedIn(ID, D, "v-1", T0, null));
        fixture.given(inService).when(new CheckOutRequestCommand(ID, "v-1", T0.plusSeconds(7200), null))
                .expectEvents(new RequestCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, T0,
                        T0.plusSeconds(7200), 90));
    }

    @Test
    void shouldReopenAfterALowRatingAndStartDispatchAgain() {
        List<Object> rated = new ArrayList<>(completed());
        rated.add(new RequestRated(ID, D, 2, false, "没有解决", T0.plusSeconds(4000)));
        fixture.given(rated).when(new ReopenRequestCommand(ID, "resident-42", "问题仍在"))
                .expectEvents(new RequestReopened(ID, D, "问题仍在", T0),
                        new SlaClockStarted(ID, D, Stage.DISPATCH, "s-pl", T0.plus(Duration.ofHours(4))),
                        matchRequested(2));
    }

    @Test
    void shouldRefuseToReopenAfterTheItemsWindow() {
        List<Object> rated = new ArrayList<>(completed());
        rated.add(new RequestRated(ID, D, 1, false, "没解决", T0.plusSeconds(4000)));
        fixture = new AggregateTestFixture<>(ServiceRequest.class);
        fixture.registerInjectableResource(Clock.fixed(T0.plus(Duration.ofDays(8)), ZoneOffset.UTC));
        fixture.given(rated).when(new ReopenRequestCommand(ID, "resident-42", "还是不行"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(Matchers.predicate(m -> m.toString().contains("PT168H")))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseToReopenAGoodRating() {
        List<Object> rated = new ArrayList<>(completed());
        rated.add(new RequestRated(ID, D, 5, true, "很好", T0.plusSeconds(4000)));
        fixture.given(rated).when(new ReopenRequestCommand(ID, "resident-42", "再来一次"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void shouldLetOnlyTheRequesterCancel() {
        fixture.given(submitted()).when(new CancelRequestCommand(ID, "someone-else", "x"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void shouldEscalateAnOverdueReviewToTheParentUnitAndRestartTheClockThere() {
        Instant due = T0.plus(Duration.ofHours(2));
        fixture.given(submitted()).when(new EscalateRequestCommand(ID, Stage.REVIEW, due, "i-jl"))
                .expectEvents(new RequestEscalated(ID, D, Stage.REVIEW, "s-pl", "i-jl", due, T0),
                        new SlaClockStarted(ID, D, Stage.REVIEW, "i-jl", T0.plus(Duration.ofHours(2))))
                .expectResultMessagePayload(true);
    }

    @Test
    void shouldEscalateAndSeekNewCandidatesWhenNobodyTakesTheOfferInTime() {
        Instant due = T0.plus(Duration.ofHours(8));
        fixture.given(dispatched()).when(new EscalateRequestCommand(ID, Stage.ACCEPT, due, "i-jl"))
                .expectEvents(new RequestEscalated(ID, D, Stage.ACCEPT, "s-pl", "i-jl", due, T0),
                        new SlaClockStarted(ID, D, Stage.DISPATCH, "i-jl", T0.plus(Duration.ofHours(4))),
                        new MatchRequested(ID, D, 2, "cq-jiulongpo/CARE-01", ServicePlatform.CARE, 2,
                                new GeoPoint(29.5, 106.5), "i-jl", null, null, 1));
    }

    @Test
    void shouldKeepTheVolunteersNotesInsideTheService() {
        List<Object> inService = new ArrayList<>(dispatched());
        inService.add(new RequestAccepted(ID, D, "v-1", null, T0));
        inService.add(new RequestCheckedIn(ID, D, "v-1", T0, null));
        fixture.given(inService).when(new CheckOutRequestCommand(ID, "v-1", T0.plusSeconds(3600), "已送到医院"))
                .expectEvents(new RequestCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, T0,
                                T0.plusSeconds(3600), 90),
                        new ServiceNoted(ID, D, "v-1", "已送到医院"));
    }

    @Test
    void shouldIgnoreAnEscalationWhoseClockHasMovedOn() {
        fixture.given(dispatched()).when(new EscalateRequestCommand(ID, Stage.REVIEW, T0.plus(Duration.ofHours(2)), "i-jl"))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void shouldExpireWhenTheClockRunsOutAtTheTop() {
        fixture.given(submitted()).when(new EscalateRequestCommand(ID, Stage.REVIEW, T0.plus(Duration.ofHours(2)), null))
                .expectEvents(new RequestExpired(ID, D, Stage.REVIEW, T0));
    }

    // ------------------------------------------------------------------ ids resolved inside the district (issue 20)

    static List<Object> dispatchedToTeam() {
        List<Object> events = new ArrayList<>(reviewed());
        events.add(new RequestDispatched(ID, D, "s-pl", List.of("v-3"), "team-9", "MANUAL", 1, T0));
        events.add(new SlaClockStarted(ID, D, Stage.ACCEPT, "s-pl", T0.plus(Duration.ofHours(8))));
        return events;
    }

    @Test
    void shouldRefuseADispatchToAVolunteerOfAnotherDistrict() {
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-1", "v-other"), null, "MANUAL"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-volunteer", "volunteerIds[1]"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseADispatchToAVolunteerNobodyRegistered() {
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-nobody"), null, "MANUAL"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-volunteer", "volunteerIds[0]"))
                .expectNoEvents();
    }

    /** A known volunteer who may not take work: 422 volunteer-not-active naming the field and the status, not retryable. */
    static org.hamcrest.Matcher<?> notActive(String field, String status) {
        return Matchers.predicate(e -> e instanceof RuleViolation refusal
                && refusal.kind() == RuleViolation.Kind.REFUSED && refusal.code().equals("volunteer-not-active")
                && field.equals(refusal.field()) && status.equals(refusal.properties().get("status"))
                && Boolean.FALSE.equals(refusal.properties().get("retryable")));
    }

    @Test
    void shouldRefuseADispatchToAPausedDeactivatedOrErasedVolunteer() {
        directories.volunteer(D, "v-d").status(D, "v-2", VolunteerStatus.PAUSED).erased(D, "v-3")
                .status(D, "v-d", VolunteerStatus.DEACTIVATED);
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-1", "v-2"), null, "MANUAL"))
                .expectException(notActive("volunteerIds[1]", "PAUSED")).expectNoEvents();
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-3"), null, "MANUAL"))
                .expectException(notActive("volunteerIds[0]", "ERASED")).expectNoEvents();
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-d"), null, "MANUAL"))
                .expectException(notActive("volunteerIds[0]", "DEACTIVATED")).expectNoEvents();
    }

    @Test
    void shouldSayAnUnknownVolunteerMayBeRetried() {
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-nobody"), null, "MANUAL"))
                .expectException(Matchers.predicate(e -> e instanceof RuleViolation refusal
                        && Boolean.TRUE.equals(refusal.properties().get("retryable"))))
                .expectNoEvents();
    }

    @Test
    void shouldDispatchToAVolunteerActiveAgainAfterAPause() {
        directories.status(D, "v-2", VolunteerStatus.PAUSED).status(D, "v-2", VolunteerStatus.ACTIVE);
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-2"), null, "MANUAL"))
                .expectEvents(new RequestDispatched(ID, D, "s-pl", List.of("v-2"), null, "MANUAL", 1, T0),
                        new SlaClockStarted(ID, D, Stage.ACCEPT, "s-pl", T0.plus(Duration.ofHours(8))));
    }

    @Test
    void shouldNeverDispatchToAnErasedVolunteerEvenIfLaterEventsSayActive() {
        directories.erased(D, "v-2").status(D, "v-2", VolunteerStatus.ACTIVE).volunteer(D, "v-2");
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-2"), null, "MANUAL"))
                .expectException(notActive("volunteerIds[0]", "ERASED")).expectNoEvents();
    }

    static List<Object> accepted() {
        List<Object> events = new ArrayList<>(dispatched());
        events.add(new RequestAccepted(ID, D, "v-1", null, T0));
        events.add(new SlaClockStarted(ID, D, Stage.COMPLETE, "s-pl", T0.plus(Duration.ofDays(3))));
        return events;
    }

    @Test
    void shouldNotStartAServiceWithAVolunteerDeactivatedSinceAccepting() {
        directories.status(D, "v-1", VolunteerStatus.DEACTIVATED);
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, null))
                .expectException(notActive("volunteerId", "DEACTIVATED")).expectNoEvents();
    }

    @Test
    void shouldRecordTheEndOfAServiceWhateverBecameOfTheVolunteerSince() {
        List<Object> inService = new ArrayList<>(accepted());
        inService.add(new RequestCheckedIn(ID, D, "v-1", T0, null));
        directories.status(D, "v-1", VolunteerStatus.PAUSED);
        fixture.given(inService).when(new CheckOutRequestCommand(ID, "v-1", T0.plusSeconds(3600), null))
                .expectEvents(new RequestCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, T0,
                        T0.plusSeconds(3600), 90));
        inService.add(new RequestCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, T0, T0.plusSeconds(3600), 90));
        fixture.given(inService).when(new CompleteRequestCommand(ID, "v-1"))
                .expectEvents(new RequestCompleted(ID, D, T0));
    }

    @Test
    void shouldLetAVolunteerNoLongerActiveDeclineAnOffer() {
        directories.status(D, "v-1", VolunteerStatus.PAUSED);
        fixture.given(dispatched()).when(new DeclineOfferCommand(ID, "v-1", "休息"))
                .expectEvents(new OfferDeclined(ID, D, "v-1", "休息"));
    }

    @Test
    void shouldRecordWhoKeyedAnOrderInsideTheService() {
        SubmitRequestCommand keyed = submit();
        fixture.givenNoPriorActivity().when(new SubmitRequestCommand(keyed.requestId(), keyed.districtId(), keyed.item(),
                        keyed.responsibleUnitId(), keyed.location(), keyed.grid(), Channel.GRID_WORKER,
                        keyed.requesterId(), keyed.contact(), keyed.address(), keyed.description(), keyed.answers(),
                        null, null, null, "grid-worker-7"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.listWithAnyOf(
                        Matchers.equalTo(new RequestKeyed(ID, D, "grid-worker-7")))));
    }

    @Test
    void shouldRefuseADispatchToATeamOfAnotherDistrictUnknownOrDissolved() {
        directories.team(D, "team-gone", "leader-9").dissolved(D, "team-gone");
        for (String team : List.of("team-o", "team-nobody", "team-gone")) {
            fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of(), team, "MANUAL"))
                    .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-team", "teamId"))
                    .expectNoEvents();
        }
    }

    @Test
    void shouldDispatchToAnActiveTeamOfTheDistrict() {
        fixture.given(reviewed()).when(new DispatchRequestCommand(ID, List.of("v-3"), "team-9", "MANUAL"))
                .expectEvents(dispatchedToTeam().subList(reviewed().size(), dispatchedToTeam().size()).toArray());
    }

    @Test
    void shouldSkipProposedCandidatesNotKnownAsActiveInTheDistrict() {
        directories.status(D, "v-2", VolunteerStatus.DEACTIVATED);
        fixture.given(reviewed()).when(new DispatchProposedCommand(ID, 1, List.of("v-other", "v-7", "v-new", "v-2", "v-3")))
                .expectEvents(new RequestDispatched(ID, D, "s-pl", List.of("v-7", "v-3"), null, "AUTOMATIC", 1, T0),
                        new SlaClockStarted(ID, D, Stage.ACCEPT, "s-pl", T0.plus(Duration.ofHours(8))));
    }

    @Test
    void shouldLeaveTheRequestToItsUnitWhenNoProposedCandidateIsKnown() {
        fixture.given(reviewed()).when(new DispatchProposedCommand(ID, 1, List.of("v-other", "v-new")))
                .expectEvents(new MatchNotFound(ID, D, 1,
                        "none of the proposed candidates is known here as an active volunteer of the district"));
    }

    @Test
    void shouldRefuseAClaimByAVolunteerWhoDoesNotLeadTheTeam() {
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-9", "m-9"))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-team-leader", "leaderId")).expectNoEvents();
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-9", "v-1"))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-team-leader", "leaderId")).expectNoEvents();
    }

    /** Tree center → i-jl → s-pl, s-jly; the request is CARE at s-pl. */
    @Test
    void shouldLetATeamClaimOnlyRequestsOfItsPlatformsAtItsUnitOrBelow() {
        directories.unit(D, "center", null).unit(D, "i-jl", "center").unit(D, "s-pl", "i-jl").unit(D, "s-jly", "i-jl")
                .team(D, "team-law", "s-pl", Set.of(ServicePlatform.LEGAL), "leader-9")
                .team(D, "team-jly", "s-jly", Set.of(ServicePlatform.CARE), "leader-9")
                .team(D, "team-here", "s-pl", Set.of(ServicePlatform.CARE), "leader-9")
                .team(D, "team-jl", "i-jl", Set.of(ServicePlatform.CARE, ServicePlatform.LEGAL), "leader-9");
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-law", "leader-9"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "outside-team-remit", "teamId"))
                .expectNoEvents();
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-jly", "leader-9"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "outside-team-remit", "teamId"))
                .expectNoEvents();
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-jl", "leader-9"))
                .expectEvents(new RequestDispatched(ID, D, "s-pl", List.of(), "team-jl", "CLAIMED", 1, T0),
                        new RequestAccepted(ID, D, "leader-9", "team-jl", T0),
                        new SlaClockStarted(ID, D, Stage.COMPLETE, "s-pl", T0.plus(Duration.ofDays(3))));
        // escalated to the institute: the station's team no longer answers for it, the institute's does
        List<Object> escalated = new ArrayList<>(reviewed());
        escalated.add(new RequestEscalated(ID, D, Stage.DISPATCH, "s-pl", "i-jl", T0, T0));
        fixture.given(escalated).when(new ClaimRequestCommand(ID, "team-here", "leader-9"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "outside-team-remit", "teamId"))
                .expectNoEvents();
        fixture.given(escalated).when(new ClaimRequestCommand(ID, "team-jl", "leader-9"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldRefuseAClaimForATeamThatIsNotAnActiveTeamOfTheDistrict() {
        directories.team(D, "team-gone", "leader-9").dissolved(D, "team-gone");
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-nobody", "leader-9"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-team", "teamId")).expectNoEvents();
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-gone", "leader-9"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-team", "teamId")).expectNoEvents();
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-o", "leader-o"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-team", "teamId")).expectNoEvents();
    }

    @Test
    void shouldRefuseAClaimByALeaderWhoIsNoLongerActive() {
        directories.status(D, "leader-9", VolunteerStatus.PAUSED);
        fixture.given(reviewed()).when(new ClaimRequestCommand(ID, "team-9", "leader-9"))
                .expectException(notActive("leaderId", "PAUSED"))
                .expectNoEvents();
    }

    @Test
    void shouldLetOnlyMembersOfTheOfferedTeamOrVolunteersOfferedByNameAccept() {
        fixture.given(dispatchedToTeam()).when(new AcceptRequestCommand(ID, "v-1"))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-offered", null)).expectNoEvents();
        fixture.given(dispatchedToTeam()).when(new AcceptRequestCommand(ID, "v-other"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-volunteer", "volunteerId"))
                .expectNoEvents();
        fixture.given(dispatchedToTeam()).when(new AcceptRequestCommand(ID, "m-9"))
                .expectEvents(new RequestAccepted(ID, D, "m-9", "team-9", T0),
                        new SlaClockStarted(ID, D, Stage.COMPLETE, "s-pl", T0.plus(Duration.ofDays(3))));
        fixture.given(dispatchedToTeam()).when(new AcceptRequestCommand(ID, "v-3"))
                .expectEvents(new RequestAccepted(ID, D, "v-3", "team-9", T0),
                        new SlaClockStarted(ID, D, Stage.COMPLETE, "s-pl", T0.plus(Duration.ofDays(3))));
    }

    @Test
    void shouldRefuseAnAcceptByAnOfferedVolunteerNoLongerActive() {
        directories.status(D, "v-1", VolunteerStatus.DEACTIVATED).erased(D, "v-2");
        fixture.given(dispatched()).when(new AcceptRequestCommand(ID, "v-1"))
                .expectException(notActive("volunteerId", "DEACTIVATED")).expectNoEvents();
        fixture.given(dispatched()).when(new AcceptRequestCommand(ID, "v-2"))
                .expectException(notActive("volunteerId", "ERASED")).expectNoEvents();
    }

    @Test
    void shouldRefuseAnAcceptByATeamMemberNoLongerActive() {
        directories.status(D, "m-9", VolunteerStatus.PAUSED);
        fixture.given(dispatchedToTeam()).when(new AcceptRequestCommand(ID, "m-9"))
                .expectException(notActive("volunteerId", "PAUSED")).expectNoEvents();
    }

    // ------------------------------------------------------------------ staff notes (issue 23)

    @Test
    void shouldKeepAStaffNoteTrimmedWithItsAuthorAndTimeInsideTheService() {
        fixture.given(submitted()).when(new AddStaffNoteCommand(ID, "admin-pl", "  已电话联系家属张先生，周三上午方便\n"))
                .expectEvents(new StaffNoteAdded(ID, D, "admin-pl", "已电话联系家属张先生，周三上午方便", T0));
    }

    @Test
    void shouldTakeAStaffNoteInEveryStatusClosedOnesToo() {
        List<Object> rated = new ArrayList<>(completed());
        rated.add(new RequestRated(ID, D, 5, true, null, T0));
        List<Object> cancelled = new ArrayList<>(submitted());
        cancelled.add(new RequestCancelled(ID, D, "不需要了", T0));
        List<Object> rejected = new ArrayList<>(submitted());
        rejected.add(new RequestRejected(ID, D, "s-pl", "不在服务范围", T0));
        List<Object> expired = new ArrayList<>(submitted());
        expired.add(new RequestExpired(ID, D, Stage.REVIEW, T0));
        for (List<Object> history : List.of(submitted(), reviewed(), dispatched(), completed(), rated, cancelled,
                rejected, expired)) {
            fixture.given(history).when(new AddStaffNoteCommand(ID, "admin-pl", "回访：老人满意"))
                    .expectEvents(new StaffNoteAdded(ID, D, "admin-pl", "回访：老人满意", T0));
        }
    }

    @Test
    void shouldRefuseAStaffNoteWithoutTextNamingTheField() {
        for (String blank : new String[] {null, "", "   ", "\n\t", "\u3000\u3000"}) { // U+3000: the ideographic space
            fixture.given(submitted()).when(new AddStaffNoteCommand(ID, "admin-pl", blank))
                    .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "text")).expectNoEvents();
        }
    }

    @Test
    void shouldHoldAStaffNoteToFiveHundredCharactersOnceTrimmed() {
        String longest = "记".repeat(AddStaffNoteCommand.MAX_CHARACTERS);
        fixture.given(submitted()).when(new AddStaffNoteCommand(ID, "admin-pl", "  " + longest + "\u3000"))
                .expectEvents(new StaffNoteAdded(ID, D, "admin-pl", longest, T0));
        // characters, not UTF-16 units: 500 emoji (1,000 units) are 500 characters
        String emoji = "\uD83D\uDE0A".repeat(AddStaffNoteCommand.MAX_CHARACTERS);
        fixture.given(submitted()).when(new AddStaffNoteCommand(ID, "admin-pl", emoji))
                .expectEvents(new StaffNoteAdded(ID, D, "admin-pl", emoji, T0));
        fixture.given(submitted()).when(new AddStaffNoteCommand(ID, "admin-pl", longest + "记"))
                .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "text")).expectNoEvents();
    }
}
