package cloud.practice.request.activity.command;

import cloud.practice.events.request.ActivityClosed;
import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityEvidenceAttached;
import cloud.practice.request.activity.api.ActivityCommands.AttachActivityEvidenceCommand;
import cloud.practice.request.directory.Directories;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static cloud.practice.request.activity.command.ActivityTest.D;
import static cloud.practice.request.activity.command.ActivityTest.ENDS;
import static cloud.practice.request.activity.command.ActivityTest.ID;
import static cloud.practice.request.activity.command.ActivityTest.STARTS;
import static cloud.practice.request.activity.command.ActivityTest.published;
import static cloud.practice.request.activity.command.ActivityTest.refused;

/** Photos of an activity (issue 27): from its start until seven days after it closed, at most nine, each once. */
class ActivityEvidenceTest {

    private AggregateTestFixture<Activity> at(Instant now) {
        AggregateTestFixture<Activity> fixture = new AggregateTestFixture<>(Activity.class);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        Directories directories = new Directories();
        fixture.registerInjectableResource(directories.pairings);
        fixture.registerInjectableResource(directories.volunteers);
        return fixture;
    }

    static AttachActivityEvidenceCommand photo(String evidenceId) {
        return new AttachActivityEvidenceCommand(ID, evidenceId, "admin-pl", "image/png", 999, 64, 48);
    }

    static ActivityEvidenceAttached attached(String evidenceId, Instant at) {
        return new ActivityEvidenceAttached(ID, D, evidenceId, "admin-pl", "image/png", 999, 64, 48, at);
    }

    @Test
    void shouldAttachFromTheStartUntilSevenDaysAfterClose() {
        at(STARTS.minusSeconds(1)).given(published()).when(photo("ev-1"))
                .expectException(refused(HttpStatus.CONFLICT, "evidence-not-open", null)).expectNoEvents();
        at(STARTS).given(published()).when(photo("ev-1")).expectEvents(attached("ev-1", STARTS));
        Instant closedAt = ENDS.plusSeconds(60);
        ActivityClosed closed = new ActivityClosed(ID, D, 0, 0, "顺利", closedAt);
        Instant last = closedAt.plus(Duration.ofDays(7));
        at(last).given(published(), closed).when(photo("ev-1")).expectEvents(attached("ev-1", last));
        at(last.plusMillis(1)).given(published(), closed).when(photo("ev-1"))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "evidence-window-closed", null))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseTheTenthPhotoAndAttachEachOnce() {
        List<Object> nine = new ArrayList<>(List.of(published()));
        for (int i = 1; i <= 9; i++) {
            nine.add(attached("ev-" + i, STARTS));
        }
        at(ENDS).given(nine).when(photo("ev-10"))
                .expectException(refused(HttpStatus.CONFLICT, "too-many-photos", null)).expectNoEvents();
        at(ENDS).given(nine).when(photo("ev-9")).expectSuccessfulHandlerExecution().expectNoEvents();
    }
}
