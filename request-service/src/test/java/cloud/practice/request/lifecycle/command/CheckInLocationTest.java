package cloud.practice.request.lifecycle.command;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.RequestCheckedIn;
import cloud.practice.events.request.RequestCheckedOut;
import cloud.practice.events.request.RequestLocationFlagged;
import cloud.practice.events.request.RequestSubmitted;
import cloud.practice.events.request.VisitStage;
import cloud.practice.request.directory.Directories;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckInRequestCommand;
import cloud.practice.request.lifecycle.api.RequestCommands.CheckOutRequestCommand;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.ServiceNoted;
import cloud.practice.request.menu.api.LocationRule;
import cloud.practice.request.menu.api.LocationRule.Beyond;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static cloud.practice.request.lifecycle.command.ServiceRequestTest.D;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.ID;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.T0;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.accepted;
import static cloud.practice.request.lifecycle.command.ServiceRequestTest.refused;

/**
 * The district's location rule on a request's check-in and check-out (issue 27, checked locations): within the
 * limit (at it exactly too) nothing more happens; beyond it FLAG records the check and flags it right after, REFUSE
 * refuses it with nothing applied; without the volunteer's or the request's location, or without a rule (an imported
 * past step), nothing is checked.
 */
class CheckInLocationTest {

    /** The request's location in {@link ServiceRequestTest#submitted()}. */
    static final GeoPoint REQUEST = new GeoPoint(29.5, 106.5);
    static final LocationRule FLAG_500 = new LocationRule(500, Beyond.FLAG);
    static final LocationRule REFUSE_500 = new LocationRule(500, Beyond.REFUSE);
    static final Instant OUT = T0.plusSeconds(3600);

    private AggregateTestFixture<ServiceRequest> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ServiceRequest.class);
        fixture.registerInjectableResource(Clock.fixed(T0, ZoneOffset.UTC));
        Directories directories = new Directories().volunteer(D, "v-1", "v-2");
        fixture.registerInjectableResource(directories.volunteers);
        fixture.registerInjectableResource(directories.units);
    }

    /**
     * A point {@code metres} due north of the request: along a meridian the haversine distance is the mean radius
     * times the latitude difference, so the rounded distance is exactly {@code metres}.
     */
    static GeoPoint north(int metres) {
        return new GeoPoint(REQUEST.latitude() + Math.toDegrees(metres / 6_371_008.8), REQUEST.longitude());
    }

    static List<Object> inService() {
        List<Object> events = new ArrayList<>(accepted());
        events.add(new RequestCheckedIn(ID, D, "v-1", T0, null));
        return events;
    }

    static RequestCheckedOut checkedOut() {
        return new RequestCheckedOut(ID, D, "v-1", "s-pl", ServicePlatform.CARE, T0, OUT, 90);
    }

    @Test
    void shouldCheckInWithoutAFlagWithinTheLimitAndAtItExactly() {
        for (int metres : new int[] {0, 120, 499, 500}) {
            fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(metres), FLAG_500))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(metres)));
        }
    }

    @Test
    void shouldRecordAFarCheckInAndFlagItRightAfterUnderFlag() {
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(1240), FLAG_500))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(1240)),
                        new RequestLocationFlagged(ID, D, "s-pl", "v-1", VisitStage.CHECK_IN, 1240, 500, T0));
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(501), FLAG_500))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(501)),
                        new RequestLocationFlagged(ID, D, "s-pl", "v-1", VisitStage.CHECK_IN, 501, 500, T0));
    }

    @Test
    void shouldMeasureAgainstTheDistrictsOwnLimit() {
        LocationRule wide = new LocationRule(2000, Beyond.FLAG);
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(1240), wide))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(1240)));
        LocationRule narrow = new LocationRule(50, Beyond.FLAG);
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(80), narrow))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(80)),
                        new RequestLocationFlagged(ID, D, "s-pl", "v-1", VisitStage.CHECK_IN, 80, 50, T0));
    }

    @Test
    void shouldRefuseAFarCheckInUnderRefuseWithNothingApplied() {
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(501), REFUSE_500))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "too-far-from-the-request", "location"))
                .expectNoEvents();
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(500), REFUSE_500))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(500)));
    }

    @Test
    void shouldNotCheckWithoutTheVolunteersLocation() {
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, null, REFUSE_500))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, null));
        fixture.given(inService()).when(new CheckOutRequestCommand(ID, "v-1", OUT, null, null, REFUSE_500))
                .expectEvents(checkedOut());
    }

    @Test
    void shouldNotCheckARequestOrderedWithoutALocation() {
        List<Object> noLocation = new ArrayList<>(accepted());
        RequestSubmitted submitted = (RequestSubmitted) noLocation.get(0);
        noLocation.set(0, new RequestSubmitted(ID, D, submitted.menuItemId(), submitted.platform(),
                submitted.responsibleUnitId(), null, submitted.grid(), submitted.channel(), submitted.requesterId(),
                submitted.maskedContact(), null, null, submitted.submittedAt()));
        fixture.given(noLocation).when(new CheckInRequestCommand(ID, "v-1", T0, north(5000), REFUSE_500))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(5000)));
    }

    @Test
    void shouldNotCheckWithoutARule() {
        fixture.given(accepted()).when(new CheckInRequestCommand(ID, "v-1", T0, north(5000)))
                .expectEvents(new RequestCheckedIn(ID, D, "v-1", T0, north(5000)));
    }

    @Test
    void shouldFlagAFarCheckOutBeforeItsNotesUnderFlag() {
        fixture.given(inService()).when(new CheckOutRequestCommand(ID, "v-1", OUT, "已送到", north(1240), FLAG_500))
                .expectEvents(checkedOut(),
                        new RequestLocationFlagged(ID, D, "s-pl", "v-1", VisitStage.CHECK_OUT, 1240, 500, OUT),
                        new ServiceNoted(ID, D, "v-1", "已送到"));
        fixture.given(inService()).when(new CheckOutRequestCommand(ID, "v-1", OUT, null, north(500), FLAG_500))
                .expectEvents(checkedOut());
    }

    @Test
    void shouldRefuseAFarCheckOutUnderRefuseWithNothingApplied() {
        fixture.given(inService()).when(new CheckOutRequestCommand(ID, "v-1", OUT, "已送到", north(1240), REFUSE_500))
                .expectException(refused(HttpStatus.UNPROCESSABLE_ENTITY, "too-far-from-the-request", "location"))
                .expectNoEvents();
        fixture.given(inService()).when(new CheckOutRequestCommand(ID, "v-1", OUT, null, north(499), REFUSE_500))
                .expectEvents(checkedOut());
    }
}
