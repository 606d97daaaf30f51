package cloud.practice.hierarchy.config;

import cloud.practice.hierarchy.tree.api.TreeInternalEvents.OrgUnitContactRecorded;
import cloud.practice.support.axon.AxonMongoAutoConfiguration;
import cloud.practice.testing.StoredEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contact stored before the move still loads, as the class it is now; the old class is gone. */
class MovedInternalEventsTest {

    @Test
    void shouldReadAContactStoredUnderItsOldNameAsTheEventItIsNow() {
        OrgUnitContactRecorded now = new OrgUnitContactRecorded("cq-jiulongpo", "s-1", "023-6878 0000");
        String old = "cloud.practice.hierarchy.tree.api.OrgUnitContactRecorded";
        assertThatThrownBy(() -> Class.forName(old)).isInstanceOf(ClassNotFoundException.class);

        assertThat(StoredEvents.readBack(now, old, new MovedInternalEvents().movedEventTypes(),
                new AxonMongoAutoConfiguration().serializer())).isEqualTo(now);
    }
}
