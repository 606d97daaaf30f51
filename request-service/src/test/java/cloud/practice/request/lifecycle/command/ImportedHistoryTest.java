package cloud.practice.request.lifecycle.command;

import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.request.directory.Directories;
import cloud.practice.events.request.MatchRequested;
import cloud.practice.events.request.RequestAccepted;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestDispatched;
import cloud.practice.events.request.RequestEscalated;
import cloud.practice.events.request.RequestExpired;
import cloud.practice.events.request.RequestRated;
import cloud.practice.events.request.RequestReopened;
import cloud.practice.events.request.RequestReviewed;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.Stage;
import cloud.practice.request.lifecycle.api.RequestCommands.AcceptRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckInRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckOutRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CompleteRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.DispatchRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ImportRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.PastEscalation;
import cloud.practice.request.lifecycle.api.RequestCommands.PastStep;
import cloud.practice.request.lifecycle.api.RequestCommands.RateRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReopenRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.ReviewRequestCommand;
import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.support.domain.RuleViolation;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static cloud.practice.request.lifecycle.command.ServiceRequestTest.D;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request from before the platform, imported with its history: every step at its own time through the same rules
 * as live commands, nobody matched for the past, and one refused step refuses the whole import.
 */
class ImportedHistoryTest {

    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    static final Instant T = Instant.parse("2026-06-03T01:00:00Z");
    static final List<String> CHAIN = List.of("s-pl", "i-3", "center");

    private AggregateTestFixture<ServiceRequest> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ServiceRequest.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        // v-1 has since been deactivated: a past step needs the volunteer known in the district, not active today.
        fixture.registerInjectableResource(new Directories().volunteer(ServiceRequestTest.D, "v-1")
                .status(ServiceRequestTest.D, "v-1", VolunteerStatus.DEACTIVATED).volunteers);
    }

    static PastStep at(long minutes, Object command) {
        return new PastStep(T.plus(Duration.ofMinutes(minutes)), command);
    }

    static ImportRequestCommand history(PastStep... steps) {
        return new ImportRequestCommand(ID, ServiceRequestTest.submit(), T, List.of(steps), CHAIN);
    }

    /** Reviewed, dispatched to v-1, accepted, served and completed within the first hours; then {@code more}. */
    static PastStep[] servedThen(PastStep... more) {
        List<PastStep> steps = new java.util.ArrayList<>(List.of(
                at(30, new ReviewRequestCommand(ID, true, "admin-1", null)),
                at(45, new DispatchRequestCommand(ID, List.of("v-1"), null, "MANUAL")),
                at(50, new AcceptRequestCommand(ID, "v-1")),
                at(120, new CheckInRequestCommand(ID, "v-1", T.plus(Duration.ofMinutes(120)), null)),
                at(200, new CheckOutRequestCommand(ID, "v-1", T.plus(Duration.ofMinutes(200)), null)),
                at(201, new CompleteRequestCommand(ID, "v-1"))));
        steps.addAll(List.of(more));
        return steps.toArray(PastStep[]::new);
    }

    private List<Object> recorded() {
        return fixture.getEventStore().readEvents(ID).asStream().map(EventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void shouldReplayACompletedRatedAndReopenedHistoryAtItsOwnTimes() {
        fixture.givenNoPriorActivity().when(history(servedThen(
                        at(600, new RateRequestCommand(ID, "resident-42", 2, false, "没解决")),
                        at(601, new ReopenRequestCommand(ID, "resident-42", "复诊还需陪同")))))
                .expectSuccessfulHandlerExecution();
        List<Object> events = recorded();

        assertThat(events).filteredOn(RequestSubmitted.class::isInstance)
                .singleElement().extracting(e -> ((RequestSubmitted) e).submittedAt()).isEqualTo(T);
        assertThat(events).filteredOn(RequestReviewed.class::isInstance).singleElement()
                .extracting(e -> ((RequestReviewed) e).reviewedAt()).isEqualTo(T.plus(Duration.ofMinutes(30)));
        assertThat(events).filteredOn(RequestDispatched.class::isInstance).singleElement()
                .extracting(e -> ((RequestDispatched) e).dispatchedAt()).isEqualTo(T.plus(Duration.ofMinutes(45)));
        assertThat(events).filteredOn(RequestAccepted.class::isInstance).singleElement()
                .extracting(e -> ((RequestAccepted) e).acceptedAt()).isEqualTo(T.plus(Duration.ofMinutes(50)));
        assertThat(events).filteredOn(RequestCheckedIn.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(RequestCheckedOut.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(RequestCompleted.class::isInstance).singleElement()
                .extracting(e -> ((RequestCompleted) e).completedAt()).isEqualTo(T.plus(Duration.ofMinutes(201)));
        assertThat(events).filteredOn(RequestRated.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(RequestReopened.class::isInstance).singleElement()
                .extracting(e -> ((RequestReopened) e).reopenedAt()).isEqualTo(T.plus(Duration.ofMinutes(601)));
        // The reopened request waits for a dispatch again: now (not in the past) matching takes it up.
        assertThat(events).filteredOn(MatchRequested.class::isInstance).hasSize(1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(MatchRequested.class);
        assertThat(events).filteredOn(SlaClockStarted.class::isInstance).last()
                .extracting(e -> ((SlaClockStarted) e).dueAt()).isEqualTo(T.plus(Duration.ofMinutes(601 + 240)));
    }

    @Test
    void shouldClimbTheTreeAndExpireWhereThePastClocksRanOut() {
        List<Object> events;
        fixture.givenNoPriorActivity().when(history(
                        at(121, PastEscalation.CLOCK_RAN_OUT),
                        at(242, PastEscalation.CLOCK_RAN_OUT),
                        at(363, PastEscalation.CLOCK_RAN_OUT)))
                .expectSuccessfulHandlerExecution();
        events = recorded();
        assertThat(events).filteredOn(RequestEscalated.class::isInstance)
                .extracting(e -> ((RequestEscalated) e).fromUnitId() + "→" + ((RequestEscalated) e).toUnitId())
                .containsExactly("s-pl→i-3", "i-3→center");
        assertThat(events).filteredOn(RequestEscalated.class::isInstance)
                .allSatisfy(e -> assertThat(((RequestEscalated) e).stage()).isEqualTo(Stage.REVIEW));
        assertThat(events.get(events.size() - 1)).isInstanceOf(RequestExpired.class);
        assertThat(((RequestExpired) events.get(events.size() - 1)).expiredAt()).isEqualTo(T.plus(Duration.ofMinutes(363)));
        assertThat(events).noneMatch(MatchRequested.class::isInstance);
    }

    @Test
    void shouldRefuseTheWholeHistoryWhenOneStepBreaksTheRules() {
        fixture.givenNoPriorActivity().when(history(
                        at(30, new ReviewRequestCommand(ID, true, "admin-1", null)),
                        at(50, new AcceptRequestCommand(ID, "v-1"))))
                .expectNoEvents()
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("steps[1]: Cannot accept request"));
    }

    @Test
    void shouldRefuseAReopeningAfterTheWindowClosedThen() {
        fixture.givenNoPriorActivity().when(history(servedThen(
                        at(60 * 24 * 30, new ReopenRequestCommand(ID, "resident-42", "太晚了")))))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith("steps[6]: A request can be reopened within"));
    }
}
