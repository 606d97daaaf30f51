package cloud.practice.request.config;

import cloud.practice.events.request.SlaClockStarted;
import cloud.practice.events.request.Stage;
import cloud.practice.request.activity.api.ActivityCommands.CheckInMethod;
import cloud.practice.request.activity.api.ActivityCommands.Role;
import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityCheckedIn;
import cloud.practice.request.activity.api.ActivityInternalEvents.ActivityEvidenceAttached;
import cloud.practice.request.lifecycle.api.RequestInternalEvents.ItemTermsRecorded;
import cloud.practice.request.menu.api.LocationRule;
import cloud.practice.request.menu.api.MenuInternalEvents.LocationRuleSet;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuDefaultsSet;
import cloud.practice.request.menu.api.MenuInternalEvents.MenuItemDefined;
import cloud.practice.request.menu.api.MenuInternalEvents.PhotoRuleSet;
import cloud.practice.support.axon.AxonMongoAutoConfiguration;
import cloud.practice.testing.StoredEvents;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every internal event stored before its move still loads, as the class it is now; the old classes are gone. */
class MovedInternalEventsTest {

    static final Serializer SERIALIZER = new AxonMongoAutoConfiguration().serializer();
    static final Map<Stage, Duration> SLA = Map.of(Stage.REVIEW, Duration.ofHours(2));
    static final Instant AT = Instant.parse("2026-03-08T01:02:00Z");

    static Stream<Object> movedEvents() {
        return Stream.of(
                new ItemTermsRecorded("req-1", 90, 2, 1, SLA, Duration.ofDays(7)),
                new SlaClockStarted("req-1", "cq-jiulongpo", Stage.REVIEW, "s-pl", AT),
                new ActivityCheckedIn("act-1", "cq-jiulongpo", "vol-1", Role.VOLUNTEER, AT, CheckInMethod.QR_CODE,
                        null),
                new ActivityEvidenceAttached("act-1", "cq-jiulongpo", "ev-1", "acc-9", "image/jpeg", 2048, 640, 480, AT),
                new MenuItemDefined("item-1", "cq-jiulongpo", "上门维修家电", List.of("维修"), List.of(), SLA,
                        Duration.ofDays(7)),
                new MenuDefaultsSet("cq-jiulongpo", SLA, Duration.ofDays(7)),
                new LocationRuleSet("cq-jiulongpo", 500, LocationRule.Beyond.FLAG),
                new PhotoRuleSet("cq-jiulongpo", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("movedEvents")
    void shouldReadAnEventStoredUnderItsOldNameAsTheEventItIsNow(Object now) {
        String old = MovedInternalEvents.MOVES.entrySet().stream()
                .filter(move -> move.getValue() == now.getClass()).map(Map.Entry::getKey)
                .findFirst().orElseThrow(() -> new AssertionError(now.getClass() + " has no move"));
        assertThatThrownBy(() -> Class.forName(old)).isInstanceOf(ClassNotFoundException.class);

        assertThat(StoredEvents.readBack(now, old, new MovedInternalEvents().movedEventTypes(), SERIALIZER))
                .isEqualTo(now);
    }

    @Test
    void shouldTestEveryMove() {
        assertThat(movedEvents().map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(MovedInternalEvents.MOVES.values());
    }
}
