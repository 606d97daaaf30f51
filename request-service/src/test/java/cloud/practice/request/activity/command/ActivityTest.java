package cloud.practice.request.activity.command;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityClosed;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignUpCancelled;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityCheckedIn;
import cloud.practice.request.activity.api.ActivityCommands.CancelSignUpCommand;
import cloud.practice.request.activity.api.ActivityCommands.CheckInActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.CheckInMethod;
import cloud.practice.request.activity.api.ActivityCommands.CheckOutActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.CloseActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.PublishActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.Role;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckIn;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckInAction;
import cloud.practice.request.activity.api.ActivityCommands.SelfCheckInCommand;
import cloud.practice.request.activity.api.ActivityCommands.SignUpCommand;
import cloud.practice.request.directory.Directories;
import cloud.practice.support.axon.AxonMongoAutoConfiguration;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.web.ProblemHandling;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command of an activity (文明实践活动): publish, sign up within capacity and the sign-up window, cancel,
 * check in and out, close. An activity names only a running pairing of its own district (issue 20, finding 2);
 * volunteers' places and check-ins are for volunteers active in the district (issue 21).
 */
class ActivityTest {

    static final String ID = "act-1";
    static final String D = "cq-jiulongpo";
    static final Instant STARTS = Instant.parse("2027-01-01T01:00:00Z");
    static final Instant ENDS = Instant.parse("2027-01-01T03:00:00Z");
    /** The fixture's clock: the day before, when sign-up opens. */
    static final Instant NOW = STARTS.minus(Duration.ofDays(1));
    static final GeoPoint PLACE = new GeoPoint(29.507, 106.511);

    private AggregateTestFixture<Activity> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Activity.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        Directories directories = new Directories().pairing(D, "pairing-1").pairing("cq-yuzhong", "pairing-9")
                .pairing(D, "pairing-old").pairingEnded(D, "pairing-old")
                .volunteer(D, "v-1", "v-2", "v-3", "v-paused", "v-deactivated", "v-erased")
                .status(D, "v-paused", VolunteerStatus.PAUSED)
                .status(D, "v-deactivated", VolunteerStatus.DEACTIVATED).erased(D, "v-erased")
                .volunteer("cq-yuzhong", "v-9");
        fixture.registerInjectableResource(directories.pairings);
        fixture.registerInjectableResource(directories.volunteers);
    }

    /** Five volunteer and twenty resident places; sign-up from NOW until the start. */
    static ActivityPublished published() {
        return published(5, 20, NOW, STARTS);
    }

    static ActivityPublished published(int volunteerPlaces, int residentPlaces, Instant signUpOpens,
                                       Instant signUpCloses) {
        return new ActivityPublished(ID, D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", null, STARTS, ENDS,
                volunteerPlaces, residentPlaces, signUpOpens, signUpCloses, null);
    }

    static ActivitySignedUp signedUp(String participantId, Role role) {
        return new ActivitySignedUp(ID, D, participantId, role.name(), NOW);
    }

    static ActivityCheckedIn checkedIn(String participantId, Role role) {
        return new ActivityCheckedIn(ID, D, participantId, role, STARTS, CheckInMethod.STAFF, null);
    }

    static ActivityClosed closed() {
        return new ActivityClosed(ID, D, 0, 0, "顺利", NOW);
    }

    static PublishActivityCommand publish(String pairingId) {
        return publish(STARTS, ENDS, NOW, STARTS, 5, 20, pairingId);
    }

    static PublishActivityCommand publish(Instant startsAt, Instant endsAt, Instant signUpOpens, Instant signUpCloses,
                                          int volunteerPlaces, int residentPlaces, String pairingId) {
        return new PublishActivityCommand(ID, D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", PLACE, startsAt, endsAt,
                volunteerPlaces, residentPlaces, signUpOpens, signUpCloses, pairingId);
    }

    /** The refusal a caller sees: status, problem type and, where given, the field it names. */
    static org.hamcrest.Matcher<?> refused(HttpStatus status, String type, String field) {
        return Matchers.predicate(e -> e instanceof RuleViolation refusal
                && ProblemHandling.statusOf(refusal.kind()) == status && refusal.code().equals(type)
                && (field == null || field.equals(refusal.field())));
    }

    static org.hamcrest.Matcher<?> refused(String type) {
        return refused(HttpStatus.UNPROCESSABLE_ENTITY, type, "participantId");
    }

    // ---------------------------------------------------------------------------------------------- publish

    @Test
    void shouldPublishAnActivityOfARunningPairingOfItsDistrict() {
        fixture.givenNoPriorActivity().when(publish("pairing-1"))
                .expectEvents(new ActivityPublished(ID, D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", PLACE,
                        STARTS, ENDS, 5, 20, NOW, STARTS, "pairing-1"));
    }

    @Test
    void shouldPublishAnActivityWithoutAPairing() {
        fixture.givenNoPriorActivity().when(publish(null))
                .expectEvents(new ActivityPublished(ID, D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", PLACE,
                        STARTS, ENDS, 5, 20, NOW, STARTS, null));
    }

    @Test
    void shouldPublishAnActivityForResidentsOnlyWhoseSignUpRunsToTheEnd() {
        fixture.givenNoPriorActivity().when(publish(STARTS, ENDS, NOW, ENDS, 0, 30, null))
                .expectEvents(new ActivityPublished(ID, D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", PLACE,
                        STARTS, ENDS, 0, 30, NOW, ENDS, null));
    }

    @Test
    void shouldRefuseAnActivityThatDoesNotEndAfterItStarts() {
        for (Instant end : new Instant[]{STARTS, STARTS.minusSeconds(60)}) {
            fixture.givenNoPriorActivity().when(publish(STARTS, end, NOW, STARTS.minusSeconds(3_600), 5, 20, null))
                    .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "endsAt")).expectNoEvents();
        }
    }

    @Test
    void shouldRefuseASignUpWindowThatClosesBeforeItOpensOrAfterTheEnd() {
        fixture.givenNoPriorActivity().when(publish(STARTS, ENDS, STARTS, NOW, 5, 20, null))
                .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "signUpCloses")).expectNoEvents();
        fixture.givenNoPriorActivity().when(publish(STARTS, ENDS, NOW, ENDS.plusSeconds(1), 5, 20, null))
                .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "signUpCloses")).expectNoEvents();
    }

    @Test
    void shouldRefuseAnActivityWithRoomForNobody() {
        fixture.givenNoPriorActivity().when(publish(STARTS, ENDS, NOW, STARTS, 0, 0, null))
                .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "volunteerCapacity"))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAPairingOfAnotherDistrictAnUnknownOneOrOneThatEnded() {
        for (String pairing : new String[]{"pairing-9", "pairing-nobody", "pairing-old"}) {
            fixture.givenNoPriorActivity().when(publish(pairing))
                    .expectException(Matchers.predicate(e -> e instanceof RuleViolation refusal
                            && refusal.kind() == RuleViolation.Kind.REFUSED && refusal.code().equals("unknown-pairing")
                            && "pairingId".equals(refusal.field())
                            && Boolean.TRUE.equals(refusal.properties().get("retryable"))))
                    .expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------- sign up

    @Test
    void shouldSignUpAnActiveVolunteerOfTheDistrictAndAnyResidentAnsweringThePlacesLeft() {
        fixture.given(published()).when(new SignUpCommand(ID, "v-1", Role.VOLUNTEER))
                .expectEvents(signedUp("v-1", Role.VOLUNTEER)).expectResultMessagePayload(4);
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER))
                .when(new SignUpCommand(ID, "resident-1", Role.RESIDENT))
                .expectEvents(signedUp("resident-1", Role.RESIDENT)).expectResultMessagePayload(19);
    }

    @Test
    void shouldSignUpUntilTheLastPlaceOfARoleAndThenRefuseAsFull() {
        fixture.given(published(2, 1, NOW, STARTS), signedUp("v-1", Role.VOLUNTEER))
                .when(new SignUpCommand(ID, "v-2", Role.VOLUNTEER))
                .expectEvents(signedUp("v-2", Role.VOLUNTEER)).expectResultMessagePayload(0);
        fixture.given(published(2, 1, NOW, STARTS), signedUp("v-1", Role.VOLUNTEER), signedUp("v-2", Role.VOLUNTEER))
                .when(new SignUpCommand(ID, "v-3", Role.VOLUNTEER))
                .expectException(refused(HttpStatus.CONFLICT, "activity-full", null)).expectNoEvents();
        // the residents' places are counted apart
        fixture.given(published(2, 1, NOW, STARTS), signedUp("v-1", Role.VOLUNTEER), signedUp("v-2", Role.VOLUNTEER))
                .when(new SignUpCommand(ID, "resident-1", Role.RESIDENT))
                .expectEvents(signedUp("resident-1", Role.RESIDENT)).expectResultMessagePayload(0);
    }

    @Test
    void shouldRefuseARoleWithoutPlacesAsFull() {
        fixture.given(published(0, 5, NOW, STARTS)).when(new SignUpCommand(ID, "v-1", Role.VOLUNTEER))
                .expectException(refused(HttpStatus.CONFLICT, "activity-full", null)).expectNoEvents();
    }

    @Test
    void shouldGiveACancelledPlaceToTheNextOne() {
        fixture.given(published(1, 0, NOW, STARTS), signedUp("v-1", Role.VOLUNTEER),
                        new ActivitySignUpCancelled(ID, D, "v-1", "VOLUNTEER", NOW))
                .when(new SignUpCommand(ID, "v-2", Role.VOLUNTEER))
                .expectEvents(signedUp("v-2", Role.VOLUNTEER)).expectResultMessagePayload(0);
    }

    @Test
    void shouldRefuseASecondSignUpOfTheSameParticipant() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER)).when(new SignUpCommand(ID, "v-1", Role.VOLUNTEER))
                .expectException(refused(HttpStatus.CONFLICT, "already-signed-up", null)).expectNoEvents();
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT))
                .when(new SignUpCommand(ID, "resident-1", Role.RESIDENT))
                .expectException(refused(HttpStatus.CONFLICT, "already-signed-up", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseASignUpOutsideTheSignUpWindow() {
        fixture.given(published(5, 20, NOW.plusSeconds(1), STARTS)).when(new SignUpCommand(ID, "resident-1", Role.RESIDENT))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "sign-up-closed", null)).expectNoEvents();
        fixture.given(published(5, 20, NOW.minusSeconds(60), NOW.minusSeconds(1)))
                .when(new SignUpCommand(ID, "v-1", Role.VOLUNTEER))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "sign-up-closed", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseAVolunteerPlaceToAVolunteerOfAnotherDistrictOrUnknown() {
        for (String volunteer : new String[]{"v-9", "v-nobody"}) {
            fixture.given(published()).when(new SignUpCommand(ID, volunteer, Role.VOLUNTEER))
                    .expectException(refused("unknown-volunteer")).expectNoEvents();
        }
    }

    @Test
    void shouldRefuseAVolunteerPlaceToAVolunteerPausedDeactivatedOrErased() {
        for (String volunteer : new String[]{"v-paused", "v-deactivated", "v-erased"}) {
            fixture.given(published()).when(new SignUpCommand(ID, volunteer, Role.VOLUNTEER))
                    .expectException(refused("volunteer-not-active")).expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------- cancel

    @Test
    void shouldCancelASignUpNamingItsRole() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER)).when(new CancelSignUpCommand(ID, "v-1"))
                .expectEvents(new ActivitySignUpCancelled(ID, D, "v-1", "VOLUNTEER", NOW));
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT)).when(new CancelSignUpCommand(ID, "resident-1"))
                .expectEvents(new ActivitySignUpCancelled(ID, D, "resident-1", "RESIDENT", NOW));
    }

    @Test
    void shouldNotFindTheSignUpOfSomeoneWhoNeverSignedUpOrAlreadyCancelled() {
        fixture.given(published()).when(new CancelSignUpCommand(ID, "v-1"))
                .expectException(refused(HttpStatus.NOT_FOUND, "not-found", null)).expectNoEvents();
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), new ActivitySignUpCancelled(ID, D, "v-1", "VOLUNTEER", NOW))
                .when(new CancelSignUpCommand(ID, "v-1"))
                .expectException(refused(HttpStatus.NOT_FOUND, "not-found", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseToCancelASignUpOnceCheckedIn() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), checkedIn("v-1", Role.VOLUNTEER))
                .when(new CancelSignUpCommand(ID, "v-1"))
                .expectException(refused(HttpStatus.CONFLICT, "illegal-transition", null)).expectNoEvents();
    }

    // ---------------------------------------------------------------------------------------------- check in

    @Test
    void shouldCheckInOnlyAVolunteerStillActiveButAnyResident() {
        fixture.given(published(), signedUp("v-paused", Role.VOLUNTEER), signedUp("v-1", Role.VOLUNTEER),
                        signedUp("resident-1", Role.RESIDENT))
                .when(new CheckInActivityCommand(ID, "v-paused", STARTS, null))
                .expectException(refused("volunteer-not-active")).expectNoEvents();
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER))
                .when(new CheckInActivityCommand(ID, "v-1", STARTS, null))
                .expectEvents(new ActivityCheckedIn(ID, D, "v-1", Role.VOLUNTEER, STARTS, CheckInMethod.STAFF, null));
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT))
                .when(new CheckInActivityCommand(ID, "resident-1", STARTS.plusSeconds(300), null))
                .expectEvents(new ActivityCheckedIn(ID, D, "resident-1", Role.RESIDENT, STARTS.plusSeconds(300), CheckInMethod.STAFF, null));
    }

    @Test
    void shouldRefuseToCheckInSomeoneWhoDidNotSignUp() {
        fixture.given(published()).when(new CheckInActivityCommand(ID, "v-1", STARTS, null))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-signed-up", null)).expectNoEvents();
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), new ActivitySignUpCancelled(ID, D, "v-1", "VOLUNTEER", NOW))
                .when(new CheckInActivityCommand(ID, "v-1", STARTS, null))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-signed-up", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseASecondCheckIn() {
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT), checkedIn("resident-1", Role.RESIDENT))
                .when(new CheckInActivityCommand(ID, "resident-1", STARTS.plusSeconds(60), null))
                .expectException(refused(HttpStatus.CONFLICT, "already-checked-in", null)).expectNoEvents();
    }

    @Test
    void shouldRecordAHandCheckInWithTheStaffsReason() {
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT))
                .when(new CheckInActivityCommand(ID, "resident-1", STARTS, "手机没电，现场登记"))
                .expectEvents(new ActivityCheckedIn(ID, D, "resident-1", Role.RESIDENT, STARTS, CheckInMethod.STAFF,
                        "手机没电，现场登记"));
    }

    /** Check-ins stored before the method was recorded were all made by staff, without a reason. */
    @Test
    void shouldReadACheckInStoredBeforeTheMethodWasRecordedAsAStaffCheckIn() {
        String stored = "{\"activityId\":\"act-1\",\"districtId\":\"" + D + "\",\"participantId\":\"v-1\","
                + "\"role\":\"VOLUNTEER\",\"at\":\"2027-01-01T01:00:00Z\"}";
        ActivityCheckedIn read = new AxonMongoAutoConfiguration().serializer().deserialize(
                new SimpleSerializedObject<>(stored, String.class, ActivityCheckedIn.class.getName(), null));
        assertThat(read).isEqualTo(new ActivityCheckedIn(ID, D, "v-1", Role.VOLUNTEER, STARTS, CheckInMethod.STAFF,
                null));
    }

    // ---------------------------------------------------------------------------------------------- self check-in

    @Test
    void shouldCheckInByScanAVolunteerByTheirClaimAndAResidentByTheirAccount() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER))
                .when(new SelfCheckInCommand(ID, "v-1", "acct-1"))
                .expectEvents(new ActivityCheckedIn(ID, D, "v-1", Role.VOLUNTEER, NOW, CheckInMethod.QR_CODE, null))
                .expectResultMessagePayload(new SelfCheckIn("v-1", Role.VOLUNTEER, SelfCheckInAction.CHECKED_IN, NOW));
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT))
                .when(new SelfCheckInCommand(ID, null, "resident-1"))
                .expectEvents(new ActivityCheckedIn(ID, D, "resident-1", Role.RESIDENT, NOW, CheckInMethod.QR_CODE,
                        null))
                .expectResultMessagePayload(new SelfCheckIn("resident-1", Role.RESIDENT, SelfCheckInAction.CHECKED_IN,
                        NOW));
        // a volunteer who signed up as a resident, with their account
        fixture.given(published(), signedUp("acct-2", Role.RESIDENT))
                .when(new SelfCheckInCommand(ID, "v-2", "acct-2"))
                .expectEvents(new ActivityCheckedIn(ID, D, "acct-2", Role.RESIDENT, NOW, CheckInMethod.QR_CODE, null));
    }

    @Test
    void shouldCheckOutAVolunteersSecondScanAndRefuseAThird() {
        Instant in = NOW.minus(Duration.ofMinutes(90));
        ActivityCheckedIn checkedIn = new ActivityCheckedIn(ID, D, "v-1", Role.VOLUNTEER, in, CheckInMethod.QR_CODE,
                null);
        ActivityCheckedOut checkedOut = new ActivityCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, in, NOW,
                120);
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), checkedIn)
                .when(new SelfCheckInCommand(ID, "v-1", "acct-1"))
                .expectEvents(checkedOut)
                .expectResultMessagePayload(new SelfCheckIn("v-1", Role.VOLUNTEER, SelfCheckInAction.CHECKED_OUT, NOW));
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), checkedIn, checkedOut)
                .when(new SelfCheckInCommand(ID, "v-1", "acct-1"))
                .expectException(refused(HttpStatus.CONFLICT, "already-checked-out", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseAResidentsSecondScan() {
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT),
                        new ActivityCheckedIn(ID, D, "resident-1", Role.RESIDENT, NOW, CheckInMethod.QR_CODE, null))
                .when(new SelfCheckInCommand(ID, null, "resident-1"))
                .expectException(refused(HttpStatus.CONFLICT, "already-checked-in", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseAScanBySomeoneWithoutAPlaceOfTheirOwn() {
        fixture.given(published()).when(new SelfCheckInCommand(ID, "v-1", "acct-1"))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-signed-up", null)).expectNoEvents();
        // a resident whose account id is a volunteer's registry id holds no volunteer's place
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER)).when(new SelfCheckInCommand(ID, null, "v-1"))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-signed-up", null)).expectNoEvents();
        // a volunteer's claim does not take a resident's place of that id
        fixture.given(published(), signedUp("v-1", Role.RESIDENT)).when(new SelfCheckInCommand(ID, "v-1", "acct-1"))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-signed-up", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseAScanByAVolunteerNoLongerActiveOrOnceClosed() {
        fixture.given(published(), signedUp("v-paused", Role.VOLUNTEER))
                .when(new SelfCheckInCommand(ID, "v-paused", "acct-p"))
                .expectException(refused("volunteer-not-active")).expectNoEvents();
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), closed())
                .when(new SelfCheckInCommand(ID, "v-1", "acct-1"))
                .expectException(refused(HttpStatus.CONFLICT, "activity-closed", null)).expectNoEvents();
    }

    // ---------------------------------------------------------------------------------------------- check out

    @Test
    void shouldCheckOutAVolunteerWhateverBecameOfThemSinceCheckingIn() {
        fixture.given(published(), signedUp("v-paused", Role.VOLUNTEER), checkedIn("v-paused", Role.VOLUNTEER))
                .when(new CheckOutActivityCommand(ID, "v-paused", ENDS))
                .expectEvents(new ActivityCheckedOut(ID, D, "v-paused", "s-pl", ServicePlatform.CARE, STARTS,
                        ENDS, 120));
    }

    @Test
    void shouldCheckOutWithTheActualCheckInTimeAndThePlannedMinutesOfTheActivity() {
        Instant in = STARTS.plus(Duration.ofMinutes(20));
        Instant out = ENDS.plus(Duration.ofMinutes(45));
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), new ActivityCheckedIn(ID, D, "v-1", Role.VOLUNTEER, in, CheckInMethod.STAFF, null))
                .when(new CheckOutActivityCommand(ID, "v-1", out))
                .expectEvents(new ActivityCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, in, out, 120));
    }

    @Test
    void shouldRefuseToCheckOutSomeoneNotCheckedInOrAResident() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER)).when(new CheckOutActivityCommand(ID, "v-1", ENDS))
                .expectException(refused(HttpStatus.CONFLICT, "illegal-transition", null)).expectNoEvents();
        fixture.given(published()).when(new CheckOutActivityCommand(ID, "v-1", ENDS))
                .expectException(refused(HttpStatus.CONFLICT, "illegal-transition", null)).expectNoEvents();
        fixture.given(published(), signedUp("resident-1", Role.RESIDENT), checkedIn("resident-1", Role.RESIDENT))
                .when(new CheckOutActivityCommand(ID, "resident-1", ENDS))
                .expectException(refused(HttpStatus.CONFLICT, "illegal-transition", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseASecondCheckOut() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), checkedIn("v-1", Role.VOLUNTEER),
                        new ActivityCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, STARTS, ENDS, 120))
                .when(new CheckOutActivityCommand(ID, "v-1", ENDS.plusSeconds(60)))
                .expectException(refused(HttpStatus.CONFLICT, "already-checked-out", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseACheckOutNotAfterTheCheckIn() {
        for (Instant out : new Instant[]{STARTS, STARTS.minusSeconds(60)}) {
            fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), checkedIn("v-1", Role.VOLUNTEER))
                    .when(new CheckOutActivityCommand(ID, "v-1", out))
                    .expectException(refused(HttpStatus.BAD_REQUEST, "invalid-field", "at")).expectNoEvents();
        }
    }

    // ---------------------------------------------------------------------------------------------- close

    @Test
    void shouldCloseCountingTheVolunteersAndResidentsWhoCameIn() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), signedUp("v-2", Role.VOLUNTEER),
                        signedUp("v-3", Role.VOLUNTEER), signedUp("resident-1", Role.RESIDENT),
                        signedUp("resident-2", Role.RESIDENT), checkedIn("v-1", Role.VOLUNTEER),
                        checkedIn("v-2", Role.VOLUNTEER), checkedIn("resident-1", Role.RESIDENT),
                        new ActivityCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, STARTS, ENDS, 120))
                .when(new CloseActivityCommand(ID, "顺利结束"))
                .expectEvents(new ActivityClosed(ID, D, 2, 1, "顺利结束", NOW));
    }

    @Test
    void shouldCloseAnActivityNobodyCameToWithoutASummary() {
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER)).when(new CloseActivityCommand(ID, null))
                .expectEvents(new ActivityClosed(ID, D, 0, 0, null, NOW));
    }

    @Test
    void shouldRefuseEveryCommandOnceClosed() {
        fixture.given(published(), closed()).when(new CloseActivityCommand(ID, "again"))
                .expectException(refused(HttpStatus.CONFLICT, "activity-closed", null)).expectNoEvents();
        fixture.given(published(), closed()).when(new SignUpCommand(ID, "resident-1", Role.RESIDENT))
                .expectException(refused(HttpStatus.CONFLICT, "activity-closed", null)).expectNoEvents();
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), closed()).when(new CancelSignUpCommand(ID, "v-1"))
                .expectException(refused(HttpStatus.CONFLICT, "activity-closed", null)).expectNoEvents();
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), closed())
                .when(new CheckInActivityCommand(ID, "v-1", STARTS, null))
                .expectException(refused(HttpStatus.CONFLICT, "activity-closed", null)).expectNoEvents();
        fixture.given(published(), signedUp("v-1", Role.VOLUNTEER), checkedIn("v-1", Role.VOLUNTEER), closed())
                .when(new CheckOutActivityCommand(ID, "v-1", ENDS))
                .expectException(refused(HttpStatus.CONFLICT, "activity-closed", null)).expectNoEvents();
    }
}
