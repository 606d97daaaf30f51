package cloud.practice.request.lifecycle.command;

import cloud.practice.events.request.RequestCompleted;
import cloud.practice.events.request.RequestReopened;
import cloud.practice.request.directory.Directories;
import cloud.practice.request.lifecycle.api.RequestCommands.AttachEvidenceCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.EraseEvidenceCommand;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.EvidenceStage;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestEvidenceAttached;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.RequestEvidenceErased;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static cloud.practice.request.lifecycle.command.CheckInLocationTest.OUT;
import static cloud.practice.request.lifecycle.command.CheckInLocationTest.checkedOut;
import static cloud.practice.request.lifecycle.command.CheckInLocationTest.inService;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.D;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.ID;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.T0;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.accepted;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.refused;

/**
 * Photos as evidence on a request (issue 27): from check-in (check-out photos) or check-out (completion photos)
 * until seven days after completion, by the accepting volunteer or staff, at most nine per stage, each photo once;
 * an erasure is recorded once.
 */
class RequestEvidenceTest {

    static final Instant DONE = OUT.plusSeconds(600);

    private AggregateTestFixture<ServiceRequest> at(Instant now) {
        AggregateTestFixture<ServiceRequest> fixture = new AggregateTestFixture<>(ServiceRequest.class);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        Directories directories = new Directories().volunteer(D, "v-1", "v-2");
        fixture.registerInjectableResource(directories.volunteers);
        fixture.registerInjectableResource(directories.units);
        return fixture;
    }

    static AttachEvidenceCommand photo(String evidenceId, EvidenceStage stage, String by, boolean staff) {
        return new AttachEvidenceCommand(ID, evidenceId, stage, by, staff, "image/jpeg", 1234, 40, 30);
    }

    static RequestEvidenceAttached attached(String evidenceId, EvidenceStage stage, String by, Instant at) {
        return new RequestEvidenceAttached(ID, D, evidenceId, stage, by, "image/jpeg", 1234, 40, 30, at);
    }

    static List<Object> completed() {
        List<Object> events = new ArrayList<>(inService());
        events.add(checkedOut());
        events.add(new RequestCompleted(ID, D, DONE));
        return events;
    }

    @Test
    void shouldAttachCheckOutPhotosFromCheckInByTheVolunteerOrStaff() {
        Instant now = T0.plusSeconds(60);
        at(now).given(inService()).when(photo("ev-1", EvidenceStage.CHECK_OUT, "v-1", false))
                .expectEvents(attached("ev-1", EvidenceStage.CHECK_OUT, "v-1", now));
        at(now).given(inService()).when(photo("ev-1", EvidenceStage.CHECK_OUT, "admin-pl", true))
                .expectEvents(attached("ev-1", EvidenceStage.CHECK_OUT, "admin-pl", now));
    }

    @Test
    void shouldRefuseAnotherVolunteer() {
        at(T0).given(inService()).when(photo("ev-1", EvidenceStage.CHECK_OUT, "v-2", false))
                .expectException(refused(HttpStatus.FORBIDDEN, "not-your-request", null)).expectNoEvents();
    }

    @Test
    void shouldRefuseBeforeCheckInAndCompletionPhotosBeforeCheckOut() {
        at(T0).given(accepted()).when(photo("ev-1", EvidenceStage.CHECK_OUT, "v-1", false))
                .expectException(refused(HttpStatus.CONFLICT, "evidence-not-open", null)).expectNoEvents();
        at(T0).given(inService()).when(photo("ev-1", EvidenceStage.COMPLETION, "v-1", false))
                .expectException(refused(HttpStatus.CONFLICT, "evidence-not-open", null)).expectNoEvents();
        List<Object> served = new ArrayList<>(inService());
        served.add(checkedOut());
        at(OUT).given(served).when(photo("ev-1", EvidenceStage.COMPLETION, "v-1", false))
                .expectEvents(attached("ev-1", EvidenceStage.COMPLETION, "v-1", OUT));
    }

    @Test
    void shouldAcceptPhotosUntilSevenDaysAfterCompletion() {
        Instant last = DONE.plus(Duration.ofDays(7));
        at(last).given(completed()).when(photo("ev-1", EvidenceStage.COMPLETION, "v-1", false))
                .expectEvents(attached("ev-1", EvidenceStage.COMPLETION, "v-1", last));
        at(last.plusMillis(1)).given(completed()).when(photo("ev-1", EvidenceStage.COMPLETION, "v-1", false))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "evidence-window-closed", null))
                .expectNoEvents();
    }

    @Test
    void shouldRefuseAReopenedRequest() {
        List<Object> reopened = new ArrayList<>(completed());
        reopened.add(new RequestReopened(ID, D, "没修好", DONE.plusSeconds(60)));
        at(DONE.plusSeconds(120)).given(reopened).when(photo("ev-1", EvidenceStage.COMPLETION, "v-1", false))
                .expectException(refused(HttpStatus.CONFLICT, "evidence-not-open", null));
    }

    @Test
    void shouldRefuseTheTenthPhotoOfAStageButNotOfTheOther() {
        List<Object> nine = new ArrayList<>(completed());
        for (int i = 1; i <= 9; i++) {
            nine.add(attached("ev-" + i, EvidenceStage.CHECK_OUT, "v-1", DONE));
        }
        at(DONE).given(nine).when(photo("ev-10", EvidenceStage.CHECK_OUT, "v-1", false))
                .expectException(refused(HttpStatus.CONFLICT, "too-many-photos", null)).expectNoEvents();
        at(DONE).given(nine).when(photo("ev-10", EvidenceStage.COMPLETION, "v-1", false))
                .expectEvents(attached("ev-10", EvidenceStage.COMPLETION, "v-1", DONE));
        // the same photo again (a retried command) is attached once
        at(DONE).given(nine).when(photo("ev-3", EvidenceStage.CHECK_OUT, "v-1", false))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void shouldRecordAnErasureOncePerPhoto() {
        List<Object> withPhoto = new ArrayList<>(completed());
        withPhoto.add(attached("ev-1", EvidenceStage.CHECK_OUT, "v-1", DONE));
        EraseEvidenceCommand erase = new EraseEvidenceCommand(ID, "ev-1", EvidenceStage.CHECK_OUT, DONE.plusSeconds(5));
        RequestEvidenceErased erased = new RequestEvidenceErased(ID, D, "ev-1", EvidenceStage.CHECK_OUT, DONE.plusSeconds(5));
        at(DONE).given(withPhoto).when(erase).expectEvents(erased).expectResultMessagePayload(true);
        List<Object> erasedAlready = new ArrayList<>(withPhoto);
        erasedAlready.add(erased);
        at(DONE).given(erasedAlready).when(erase).expectNoEvents().expectResultMessagePayload(false);
        at(DONE).given(completed()).when(new EraseEvidenceCommand(ID, "ev-9", EvidenceStage.CHECK_OUT, DONE))
                .expectNoEvents().expectResultMessagePayload(false);
    }
}
