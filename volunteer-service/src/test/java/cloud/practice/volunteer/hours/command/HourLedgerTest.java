package cloud.practice.volunteer.hours.command;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.HonourHoursGranted;
import cloud.practice.events.volunteer.HonourHoursRevoked;
import cloud.practice.events.volunteer.HourSource;
import cloud.practice.events.volunteer.ServiceHoursCredited;
import cloud.practice.events.volunteer.StarLevelReached;
import cloud.practice.events.volunteer.StarLevelWithdrawn;
import cloud.practice.volunteer.hours.api.HourCommands;
import cloud.practice.volunteer.hours.api.HourCommands.CreditServiceHoursCommand;
import cloud.practice.volunteer.hours.api.HourCommands.GrantHonourHoursCommand;
import cloud.practice.volunteer.hours.api.HourCommands.RevokeHonourHoursCommand;
import cloud.practice.volunteer.hours.api.HourInternalEvents.CreditBreakdownRecorded;
import cloud.practice.volunteer.support.Clocks;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static cloud.practice.volunteer.support.Clocks.NOW;
import static cloud.practice.volunteer.support.Problems.problem;

/**
 * Every rule of the hour ledger, one fixture test each: half-hour units, travel excluded, the planned-duration cap,
 * overlaps flagged and not double-counted, exactly-once credits, honour hours with their audit, stars reached once
 * per level and withdrawn by revocations, thresholds per district.
 */
class HourLedgerTest {

    static final String VOLUNTEER = "vol-1";
    static final String LEDGER = HourCommands.ledgerId(VOLUNTEER);
    static final String DISTRICT = "cq-jiulongpo";
    static final List<Integer> DEFAULT = List.of(100, 300, 600, 1000, 1500);
    /** 09:00 in Chongqing. */
    static final Instant NINE = Instant.parse("2026-03-07T01:00:00Z");

    private FixtureConfiguration<HourLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(HourLedger.class).registerInjectableResource(Clocks.fixed());
    }

    static Instant at(int minutes) {
        return NINE.plusSeconds(60L * minutes);
    }

    static String creditId(String request, int in) {
        return HourCommands.creditId(HourSource.REQUEST, request, VOLUNTEER, at(in));
    }

    static CreditServiceHoursCommand request(String request, int in, int out, int planned) {
        return new CreditServiceHoursCommand(LEDGER, DISTRICT, VOLUNTEER, creditId(request, in), HourSource.REQUEST,
                request, "s-pl", ServicePlatform.CARE, at(in), at(out), planned, null, DEFAULT);
    }

    static ServiceHoursCredited credited(String request, int in, int out, int halfHours, boolean overlap) {
        return new ServiceHoursCredited(VOLUNTEER, DISTRICT, creditId(request, in), HourSource.REQUEST, request,
                "s-pl", ServicePlatform.CARE, halfHours, at(in), at(out), overlap);
    }

    static CreditBreakdownRecorded breakdown(String request, int in, int out, int beforeStart, int overlap,
                                             int overCap, int roundedOff, int counted, int windowFrom) {
        return new CreditBreakdownRecorded(VOLUNTEER, DISTRICT, creditId(request, in), out - in, beforeStart, overlap,
                overCap, roundedOff, counted, at(windowFrom), at(out));
    }

    static HonourHoursGranted granted(String grant, int halfHours) {
        return new HonourHoursGranted(VOLUNTEER, DISTRICT, grant, halfHours, "2019年抗洪抢险志愿服务补录", "区志办〔2020〕3号",
                "user-district-admin", NOW);
    }

    static GrantHonourHoursCommand grant(String grant, int halfHours, List<Integer> thresholds) {
        return new GrantHonourHoursCommand(LEDGER, DISTRICT, VOLUNTEER, grant, halfHours, "2019年抗洪抢险志愿服务补录",
                "区志办〔2020〕3号", "user-district-admin", thresholds);
    }

    @Test
    void shouldCreditCompletedHalfHoursWhenASessionEnds() {
        fixture.givenNoPriorActivity()
                .when(request("req-1", 0, 95, 120))
                .expectEvents(credited("req-1", 0, 95, 3, false), breakdown("req-1", 0, 95, 0, 0, 0, 5, 90, 0))
                .expectResultMessagePayload(true);
    }

    @Test
    void shouldCreditNothingWhenTheSessionIsShorterThanHalfAnHour() {
        fixture.givenNoPriorActivity()
                .when(request("req-1", 0, 29, 120))
                .expectEvents(credited("req-1", 0, 29, 0, false), breakdown("req-1", 0, 29, 0, 0, 0, 29, 0, 0));
    }

    @Test
    void shouldExcludeTravelWhenTheVolunteerCheckedInBeforeTheActivityStarted() {
        String activity = "act-1";
        String id = HourCommands.creditId(HourSource.ACTIVITY, activity, VOLUNTEER, at(0));
        fixture.givenNoPriorActivity()
                .when(new CreditServiceHoursCommand(LEDGER, DISTRICT, VOLUNTEER, id, HourSource.ACTIVITY, activity,
                        "s-pl", ServicePlatform.CULTURE, at(0), at(120), 120, at(60), DEFAULT))
                .expectEvents(new ServiceHoursCredited(VOLUNTEER, DISTRICT, id, HourSource.ACTIVITY, activity, "s-pl",
                                ServicePlatform.CULTURE, 2, at(0), at(120), false),
                        new CreditBreakdownRecorded(VOLUNTEER, DISTRICT, id, 120, 60, 0, 0, 0, 60, at(60), at(120)));
    }

    @Test
    void shouldCapAtThePlannedDurationWhenTheSessionRanLonger() {
        fixture.givenNoPriorActivity()
                .when(request("req-1", 0, 200, 120))
                .expectEvents(credited("req-1", 0, 200, 4, false), breakdown("req-1", 0, 200, 0, 0, 80, 0, 120, 0));
    }

    @Test
    void shouldFlagAndNotDoubleCountWhenSessionsOverlap() {
        fixture.given(credited("req-1", 0, 120, 4, false), breakdown("req-1", 0, 120, 0, 0, 0, 0, 120, 0))
                .when(request("req-2", 60, 180, 180))
                .expectEvents(credited("req-2", 60, 180, 2, true), breakdown("req-2", 60, 180, 0, 60, 0, 0, 60, 60));
    }

    @Test
    void shouldFlagWithNoHoursWhenASessionLiesInsideAnEarlierOne() {
        fixture.given(credited("req-1", 0, 120, 4, false), breakdown("req-1", 0, 120, 0, 0, 0, 0, 120, 0))
                .when(request("req-2", 30, 90, 120))
                .expectEvents(credited("req-2", 30, 90, 0, true), breakdown("req-2", 30, 90, 0, 60, 0, 0, 0, 30));
    }

    @Test
    void shouldChangeNothingWhenTheSameCheckOutIsDeliveredAgain() {
        fixture.given(credited("req-1", 0, 95, 3, false), breakdown("req-1", 0, 95, 0, 0, 0, 5, 90, 0))
                .when(request("req-1", 0, 95, 120))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void shouldCreditASecondSessionOfTheSameRequestWhenItWasReopened() {
        fixture.given(credited("req-1", 0, 60, 2, false), breakdown("req-1", 0, 60, 0, 0, 0, 0, 60, 0))
                .when(request("req-1", 300, 360, 120))
                .expectEvents(credited("req-1", 300, 360, 2, false), breakdown("req-1", 300, 360, 0, 0, 0, 0, 60, 300));
    }

    @Test
    void shouldRefuseCreditWhenTheVolunteerKeepsHoursInAnotherDistrict() {
        fixture.given(credited("req-1", 0, 60, 2, false))
                .when(new CreditServiceHoursCommand(LEDGER, "cq-yuzhong", VOLUNTEER, creditId("req-9", 600),
                        HourSource.REQUEST, "req-9", null, ServicePlatform.CARE, at(600), at(660), 60, null, DEFAULT))
                .expectException(problem("other-district"));
    }

    @Test
    void shouldReachOneStarWhenCumulativeHoursCross100() {
        fixture.given(granted("grant-1", 198))
                .when(request("req-1", 0, 60, 120))
                .expectEvents(credited("req-1", 0, 60, 2, false), breakdown("req-1", 0, 60, 0, 0, 0, 0, 60, 0),
                        new StarLevelReached(VOLUNTEER, DISTRICT, 1, 200, NOW));
    }

    @Test
    void shouldReachEachLevelOnceWhenAGrantJumpsTwoThresholds() {
        fixture.givenNoPriorActivity()
                .when(grant("grant-1", 700, DEFAULT))
                .expectEvents(granted("grant-1", 700), new StarLevelReached(VOLUNTEER, DISTRICT, 1, 700, NOW),
                        new StarLevelReached(VOLUNTEER, DISTRICT, 2, 700, NOW));
    }

    @Test
    void shouldNotReachTheLevelAgainWhenHoursGrowWithinIt() {
        fixture.given(granted("grant-1", 200), new StarLevelReached(VOLUNTEER, DISTRICT, 1, 200, NOW))
                .when(request("req-1", 0, 120, 120))
                .expectEvents(credited("req-1", 0, 120, 4, false), breakdown("req-1", 0, 120, 0, 0, 0, 0, 120, 0));
    }

    @Test
    void shouldUseTheDistrictsOwnThresholdsWhenConfigured() {
        fixture.givenNoPriorActivity()
                .when(grant("grant-1", 40, List.of(10, 20, 30, 40, 50)))
                .expectEvents(granted("grant-1", 40), new StarLevelReached(VOLUNTEER, DISTRICT, 1, 40, NOW),
                        new StarLevelReached(VOLUNTEER, DISTRICT, 2, 40, NOW));
    }

    @Test
    void shouldRecordWhoGrantedWhyAndWhenWhenHonourHoursAreGranted() {
        fixture.givenNoPriorActivity()
                .when(grant("grant-1", 24, DEFAULT))
                .expectEvents(granted("grant-1", 24));
    }

    @Test
    void shouldRefuseAGrantWithoutAReason() {
        fixture.givenNoPriorActivity()
                .when(new GrantHonourHoursCommand(LEDGER, DISTRICT, VOLUNTEER, "grant-1", 4, " ", null, "admin",
                        DEFAULT))
                .expectException(problem("invalid-field", "reason"));
    }

    @Test
    void shouldRecordWhoRevokedAndWhyWhenHonourHoursAreRevoked() {
        fixture.given(granted("grant-1", 24))
                .when(new RevokeHonourHoursCommand(LEDGER, DISTRICT, "grant-1", "重复登记", "user-auditor", DEFAULT))
                .expectEvents(new HonourHoursRevoked(VOLUNTEER, DISTRICT, "grant-1", "重复登记", "user-auditor", NOW));
    }

    @Test
    void shouldWithdrawTheStarWhenARevocationTakesTheTotalBelowItsThreshold() {
        fixture.given(granted("grant-1", 150), granted("grant-2", 60),
                        new StarLevelReached(VOLUNTEER, DISTRICT, 1, 210, NOW))
                .when(new RevokeHonourHoursCommand(LEDGER, DISTRICT, "grant-2", "重复登记", "user-auditor", DEFAULT))
                .expectEvents(new HonourHoursRevoked(VOLUNTEER, DISTRICT, "grant-2", "重复登记", "user-auditor", NOW),
                        new StarLevelWithdrawn(VOLUNTEER, DISTRICT, 0, 150, "honour hours grant-2 revoked", NOW));
    }

    @Test
    void shouldReachTheLevelAgainWhenHoursReturnAfterAWithdrawal() {
        fixture.given(granted("grant-1", 150), granted("grant-2", 60),
                        new StarLevelReached(VOLUNTEER, DISTRICT, 1, 210, NOW),
                        new HonourHoursRevoked(VOLUNTEER, DISTRICT, "grant-2", "重复登记", "user-auditor", NOW),
                        new StarLevelWithdrawn(VOLUNTEER, DISTRICT, 0, 150, "honour hours grant-2 revoked", NOW))
                .when(grant("grant-3", 50, DEFAULT))
                .expectEvents(granted("grant-3", 50), new StarLevelReached(VOLUNTEER, DISTRICT, 1, 200, NOW));
    }

    @Test
    void shouldRefuseASecondRevocationOfTheSameGrant() {
        fixture.given(granted("grant-1", 24),
                        new HonourHoursRevoked(VOLUNTEER, DISTRICT, "grant-1", "重复登记", "user-auditor", NOW))
                .when(new RevokeHonourHoursCommand(LEDGER, DISTRICT, "grant-1", "again", "user-auditor", DEFAULT))
                .expectException(problem("already-revoked"));
    }

    @Test
    void shouldAnswerNotFoundWhenRevokingAnUnknownGrant() {
        fixture.given(granted("grant-1", 24))
                .when(new RevokeHonourHoursCommand(LEDGER, DISTRICT, "grant-9", "x", "user-auditor", DEFAULT))
                .expectException(problem("not-found"));
    }

    @Test
    void shouldRefuseReusingAGrantIdWhenItWasRevoked() {
        fixture.given(granted("grant-1", 24),
                        new HonourHoursRevoked(VOLUNTEER, DISTRICT, "grant-1", "重复登记", "user-auditor", NOW))
                .when(grant("grant-1", 24, DEFAULT))
                .expectException(problem("grant-exists"));
    }
}
