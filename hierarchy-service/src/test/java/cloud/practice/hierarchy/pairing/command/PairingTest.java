package cloud.practice.hierarchy.pairing.command;

import cloud.practice.events.hierarchy.PairingActivityRecorded;
import cloud.practice.events.hierarchy.PairingEnded;
import cloud.practice.events.hierarchy.PairingFormed;
import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.hierarchy.pairing.api.PairingCommands.EndPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.FormPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RecordPairingActivityCommand;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.domain.RuleViolation.Kind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The pairing of a partner with stations: formed, its activities recorded while it runs, ended once. Every refusal is
 * a problem with a stable type (and the field where a field is wrong) and appends nothing.
 */
class PairingTest {

    static final String DISTRICT = "cq-jiulongpo";
    static final String PAIRING = "pairing-1";
    static final String PARTNER = "partner-tax";
    static final LocalDate START = LocalDate.of(2026, 2, 1);
    static final LocalDate PLANNED_END = LocalDate.of(2026, 12, 31);

    private AggregateTestFixture<Pairing> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Pairing.class);
    }

    static FormPairingCommand form(LocalDate startDate, LocalDate endDate) {
        return new FormPairingCommand(PAIRING, DISTRICT, PARTNER, List.of("s-1", "s-2"),
                PairingModel.COMMUNITY_ALLIANCE, 3, startDate, endDate);
    }

    /** A running pairing of s-1 and s-2 from {@link #START}, open-ended unless {@code endDate} is given. */
    static PairingFormed formed(LocalDate endDate) {
        return new PairingFormed(PAIRING, DISTRICT, PARTNER, List.of("s-1", "s-2"), PairingModel.COMMUNITY_ALLIANCE,
                3, START, endDate);
    }

    static RecordPairingActivityCommand activity(String stationId, String activityId, LocalDate heldOn) {
        return new RecordPairingActivityCommand(PAIRING, DISTRICT, stationId, activityId, "税法进社区", heldOn);
    }

    static PairingActivityRecorded recorded(String stationId, String activityId, LocalDate heldOn) {
        return new PairingActivityRecorded(PAIRING, DISTRICT, stationId, activityId, "税法进社区", heldOn);
    }

    // ------------------------------------------------------------------------------------------------ forming

    @Test
    void shouldFormAPairingWithEveryFieldOfTheCommand() {
        fixture.givenNoPriorActivity()
                .when(form(START, PLANNED_END))
                .expectEvents(new PairingFormed(PAIRING, DISTRICT, PARTNER, List.of("s-1", "s-2"),
                        PairingModel.COMMUNITY_ALLIANCE, 3, START, PLANNED_END));
    }

    @Test
    void shouldFormAnOpenEndedPairingWhenNoEndDateIsGiven() {
        fixture.givenNoPriorActivity()
                .when(form(START, null))
                .expectEvents(formed(null));
    }

    @Test
    void shouldFormAPairingThatEndsOnTheDayItStarts() {
        fixture.givenNoPriorActivity()
                .when(form(START, START))
                .expectEvents(formed(START));
    }

    @Test
    void shouldRefuseToFormAPairingThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(form(START, START.minusDays(1)))
                .expectException(problem(Kind.INVALID, "invalid-field", "endDate"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------------------------------------------ activities

    @Test
    void shouldRecordAnActivityWithItsStationTitleAndDay() {
        fixture.given(formed(null))
                .when(activity("s-2", "activity-1", START.plusDays(3)))
                .expectEvents(recorded("s-2", "activity-1", START.plusDays(3)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldRecordAnActivityHeldOnTheFirstDay() {
        fixture.given(formed(null))
                .when(activity("s-1", "activity-1", START))
                .expectEvents(recorded("s-1", "activity-1", START));
    }

    @Test
    void shouldRecordAnActivityHeldOnThePlannedLastDay() {
        fixture.given(formed(PLANNED_END))
                .when(activity("s-1", "activity-1", PLANNED_END))
                .expectEvents(recorded("s-1", "activity-1", PLANNED_END));
    }

    @Test
    void shouldRecordNothingWhenTheSameActivityIsReportedAgain() {
        fixture.given(formed(null), recorded("s-1", "activity-1", START.plusDays(3)))
                .when(activity("s-1", "activity-1", START.plusDays(3)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void shouldRecordAnotherActivityOfAPairingThatHasActivities() {
        fixture.given(formed(null), recorded("s-1", "activity-1", START.plusDays(3)))
                .when(activity("s-1", "activity-2", START.plusDays(3)))
                .expectEvents(recorded("s-1", "activity-2", START.plusDays(3)));
    }

    @Test
    void shouldRecordEveryActivityWithoutAnIdEvenOnTheSameDay() {
        fixture.given(formed(null), recorded("s-1", "activity-1", START.plusDays(3)), recorded("s-1", null,
                        START.plusDays(3)))
                .when(activity("s-1", null, START.plusDays(3)))
                .expectEvents(recorded("s-1", null, START.plusDays(3)));
    }

    @Test
    void shouldRefuseAnActivityAtAStationThatIsNotPaired() {
        fixture.given(formed(null))
                .when(activity("s-9", "activity-1", START.plusDays(3)))
                .expectException(problem(Kind.REFUSED, "station-not-paired", null, "'s-9'"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAnActivityHeldBeforeThePairingStarted() {
        fixture.given(formed(null))
                .when(activity("s-1", "activity-1", START.minusDays(1)))
                .expectException(problem(Kind.REFUSED, "before-start", null, START.toString()))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAnActivityHeldAfterThePlannedEnd() {
        fixture.given(formed(PLANNED_END))
                .when(activity("s-1", "activity-1", PLANNED_END.plusDays(1)))
                .expectException(problem(Kind.REFUSED, "pairing-ended", null,
                        PLANNED_END.plusDays(1).toString()))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAnActivityAfterThePairingEnded() {
        fixture.given(formed(null), new PairingEnded(PAIRING, DISTRICT, "期满", START.plusDays(10)))
                .when(activity("s-1", "activity-1", START.plusDays(20)))
                .expectException(problem(Kind.REFUSED, "pairing-ended", null, "'" + PAIRING + "'"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseEvenAnActivityHeldWhileItRanOnceThePairingHasEnded() {
        fixture.given(formed(null), new PairingEnded(PAIRING, DISTRICT, "期满", START.plusDays(10)))
                .when(activity("s-1", "activity-late", START.plusDays(5)))
                .expectException(problem(Kind.REFUSED, "pairing-ended", null, "'" + PAIRING + "'"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAnActivityAfterAnEndEarlierThanPlanned() {
        fixture.given(formed(PLANNED_END), new PairingEnded(PAIRING, DISTRICT, null, START.plusDays(10)))
                .when(activity("s-1", "activity-1", START.plusDays(11)))
                .expectException(problem(Kind.REFUSED, "pairing-ended", null, null))
                .expectNoEvents();
    }

    // ------------------------------------------------------------------------------------------------ ending

    @Test
    void shouldEndAPairingWithItsReasonAndDay() {
        fixture.given(formed(PLANNED_END))
                .when(new EndPairingCommand(PAIRING, DISTRICT, "合作单位撤并", START.plusDays(30)))
                .expectEvents(new PairingEnded(PAIRING, DISTRICT, "合作单位撤并", START.plusDays(30)))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldEndAPairingWithoutAReasonOnTheDayItStarted() {
        fixture.given(formed(null), recorded("s-1", "activity-1", START))
                .when(new EndPairingCommand(PAIRING, DISTRICT, null, START))
                .expectEvents(new PairingEnded(PAIRING, DISTRICT, null, START));
    }

    @Test
    void shouldEndAPairingAfterItsPlannedEnd() {
        fixture.given(formed(PLANNED_END))
                .when(new EndPairingCommand(PAIRING, DISTRICT, "延期后结束", PLANNED_END.plusMonths(2)))
                .expectEvents(new PairingEnded(PAIRING, DISTRICT, "延期后结束", PLANNED_END.plusMonths(2)));
    }

    @Test
    void shouldRefuseToEndAPairingTwice() {
        fixture.given(formed(null), new PairingEnded(PAIRING, DISTRICT, "期满", START.plusDays(10)))
                .when(new EndPairingCommand(PAIRING, DISTRICT, "再次结束", START.plusDays(20)))
                .expectException(problem(Kind.CONFLICT, "illegal-transition", null, "already ended"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseToEndAPairingBeforeItStarted() {
        fixture.given(formed(null))
                .when(new EndPairingCommand(PAIRING, DISTRICT, null, START.minusDays(1)))
                .expectException(problem(Kind.INVALID, "invalid-field", "endDate", START.toString()))
                .expectNoEvents();
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Matcher<RuleViolation> problem(Kind kind, String code, String field) {
        return problem(kind, code, field, null);
    }

    /**
     * A refusal of this kind and code, naming {@code field} (or no field when null), whose detail mentions
     * {@code detailMentions} when given.
     */
    private static Matcher<RuleViolation> problem(Kind kind, String code, String field, String detailMentions) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation e) {
                return e.kind() == kind && e.code().equals(code) && Objects.equals(field, e.field())
                        && (detailMentions == null || e.getMessage().contains(detailMentions));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(kind + " " + code)
                        .appendText(field == null ? " naming no field" : " naming field " + field)
                        .appendText(detailMentions == null ? "" : ", detail mentioning " + detailMentions);
            }

            @Override
            protected void describeMismatchSafely(RuleViolation e, Description mismatch) {
                mismatch.appendText("was " + e.kind() + " " + e.code() + " field " + e.field() + " "
                        + e.properties() + ": " + e.getMessage());
            }
        };
    }
}
