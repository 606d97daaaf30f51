package cloud.practice.request.activity;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.ActivityCheckedOut;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.request.ActivitySignedUp;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.request.activity.api.ActivityCommands.ActivityCheckedIn;
import cloud.practice.request.activity.api.ActivityCommands.CheckInActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.CheckOutActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.PublishActivityCommand;
import cloud.practice.request.activity.api.ActivityCommands.Role;
import cloud.practice.request.activity.api.ActivityCommands.SignUpCommand;
import cloud.practice.request.activity.command.Activity;
import cloud.practice.request.directory.Directories;
import cloud.practice.support.web.ApiException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * An activity names only a running pairing of its own district (issue 20, finding 2); volunteers' places and
 * check-ins are for volunteers active in the district (issue 21).
 */
class ActivityTest {

    static final String D = "cq-jiulongpo";
    static final Instant STARTS = Instant.parse("2027-01-01T01:00:00Z");
    static final Instant ENDS = Instant.parse("2027-01-01T03:00:00Z");

    private AggregateTestFixture<Activity> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Activity.class);
        fixture.registerInjectableResource(Clock.fixed(STARTS.minusSeconds(86_400), ZoneOffset.UTC));
        Directories directories = new Directories().pairing(D, "pairing-1").pairing("cq-yuzhong", "pairing-9")
                .pairing(D, "pairing-old").pairingEnded(D, "pairing-old")
                .volunteer(D, "v-1", "v-paused", "v-deactivated", "v-erased").status(D, "v-paused", VolunteerStatus.PAUSED)
                .status(D, "v-deactivated", VolunteerStatus.DEACTIVATED).erased(D, "v-erased")
                .volunteer("cq-yuzhong", "v-9");
        fixture.registerInjectableResource(directories.pairings);
        fixture.registerInjectableResource(directories.volunteers);
    }

    static ActivityPublished published() {
        return new ActivityPublished("act-1", D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", null, STARTS, ENDS, 5,
                20, STARTS.minusSeconds(86_400), STARTS, null);
    }

    @Test
    void shouldSignUpAnActiveVolunteerOfTheDistrictAndAnyResident() {
        fixture.given(published()).when(new SignUpCommand("act-1", "v-1", Role.VOLUNTEER))
                .expectSuccessfulHandlerExecution();
        fixture.given(published()).when(new SignUpCommand("act-1", "resident-1", Role.RESIDENT))
                .expectSuccessfulHandlerExecution();
    }

    static org.hamcrest.Matcher<?> refused(String type) {
        return Matchers.predicate(e -> e instanceof ApiException refusal
                && refusal.status() == HttpStatus.UNPROCESSABLE_ENTITY && refusal.type().equals(type)
                && "participantId".equals(refusal.properties().get("field")));
    }

    @Test
    void shouldRefuseAVolunteerPlaceToAVolunteerOfAnotherDistrictOrUnknown() {
        for (String volunteer : new String[]{"v-9", "v-nobody"}) {
            fixture.given(published()).when(new SignUpCommand("act-1", volunteer, Role.VOLUNTEER))
                    .expectException(refused("unknown-volunteer")).expectNoEvents();
        }
    }

    @Test
    void shouldRefuseAVolunteerPlaceToAVolunteerPausedDeactivatedOrErased() {
        for (String volunteer : new String[]{"v-paused", "v-deactivated", "v-erased"}) {
            fixture.given(published()).when(new SignUpCommand("act-1", volunteer, Role.VOLUNTEER))
                    .expectException(refused("volunteer-not-active")).expectNoEvents();
        }
    }

    @Test
    void shouldCheckInOnlyAVolunteerStillActiveButAnyResident() {
        fixture.given(published(), new ActivitySignedUp("act-1", D, "v-paused", "VOLUNTEER", STARTS),
                        new ActivitySignedUp("act-1", D, "v-1", "VOLUNTEER", STARTS),
                        new ActivitySignedUp("act-1", D, "resident-1", "RESIDENT", STARTS))
                .when(new CheckInActivityCommand("act-1", "v-paused", STARTS))
                .expectException(refused("volunteer-not-active")).expectNoEvents();
        fixture.given(published(), new ActivitySignedUp("act-1", D, "v-1", "VOLUNTEER", STARTS))
                .when(new CheckInActivityCommand("act-1", "v-1", STARTS)).expectSuccessfulHandlerExecution();
        fixture.given(published(), new ActivitySignedUp("act-1", D, "resident-1", "RESIDENT", STARTS))
                .when(new CheckInActivityCommand("act-1", "resident-1", STARTS)).expectSuccessfulHandlerExecution();
    }

    @Test
    void shouldCheckOutAVolunteerWhateverBecameOfThemSinceCheckingIn() {
        fixture.given(published(), new ActivitySignedUp("act-1", D, "v-paused", "VOLUNTEER", STARTS),
                        new ActivityCheckedIn("act-1", D, "v-paused", Role.VOLUNTEER, STARTS))
                .when(new CheckOutActivityCommand("act-1", "v-paused", ENDS))
                .expectEvents(new ActivityCheckedOut("act-1", D, "v-paused", "s-pl", ServicePlatform.CARE, STARTS,
                        ENDS, 120));
    }

    static PublishActivityCommand publish(String pairingId) {
        return new PublishActivityCommand("act-1", D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", null, STARTS, ENDS,
                5, 20, STARTS.minusSeconds(86_400), STARTS, pairingId);
    }

    @Test
    void shouldPublishAnActivityOfARunningPairingOfItsDistrict() {
        fixture.givenNoPriorActivity().when(publish("pairing-1"))
                .expectEvents(new ActivityPublished("act-1", D, "s-pl", ServicePlatform.CARE, "义诊", "活动室", null,
                        STARTS, ENDS, 5, 20, STARTS.minusSeconds(86_400), STARTS, "pairing-1"));
    }

    @Test
    void shouldRefuseAPairingOfAnotherDistrictAnUnknownOneOrOneThatEnded() {
        for (String pairing : new String[]{"pairing-9", "pairing-nobody", "pairing-old"}) {
            fixture.givenNoPriorActivity().when(publish(pairing))
                    .expectException(Matchers.predicate(e -> e instanceof ApiException refusal
                            && refusal.status() == HttpStatus.UNPROCESSABLE_ENTITY && refusal.type().equals("unknown-pairing")
                            && "pairingId".equals(refusal.properties().get("field"))))
                    .expectNoEvents();
        }
    }

    @Test
    void shouldPublishAnActivityWithoutAPairing() {
        fixture.givenNoPriorActivity().when(publish(null)).expectSuccessfulHandlerExecution();
    }
}
