package cloud.practice.request.activity;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.ActivityPublished;
import cloud.practice.events.volunteer.VolunteerStatus;
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

/** An activity names only a running pairing of its own district (issue 20, finding 2). */
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
                .volunteer(D, "v-1", "v-paused").status(D, "v-paused", VolunteerStatus.PAUSED).volunteer("cq-yuzhong", "v-9");
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

    @Test
    void shouldRefuseAVolunteerPlaceToAVolunteerOfAnotherDistrictUnknownOrPaused() {
        for (String volunteer : new String[]{"v-9", "v-nobody", "v-paused"}) {
            fixture.given(published()).when(new SignUpCommand("act-1", volunteer, Role.VOLUNTEER))
                    .expectException(Matchers.predicate(e -> e instanceof ApiException refusal
                            && refusal.status() == HttpStatus.UNPROCESSABLE_ENTITY
                            && refusal.type().equals("unknown-volunteer")
                            && "participantId".equals(refusal.properties().get("field"))))
                    .expectNoEvents();
        }
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
