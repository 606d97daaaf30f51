package cloud.practice.support.kafka;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventRoutesTest {

    record Opened(String id) {
    }

    record Closed(String id) {
    }

    record Renamed(String id) {
    }

    @Test
    void shouldHandEachEventToTheHandlerOfItsTypeWithWhatTheDeliverySays() {
        List<String> handled = new ArrayList<>();
        EventRoutes<Long> routes = new EventRoutes<Long>()
                .on(Opened.class, (e, seq) -> handled.add("opened " + e.id() + " @" + seq))
                .on(Closed.class, (e, seq) -> handled.add("closed " + e.id() + " @" + seq));

        assertThat(routes.dispatch(new Closed("a"), 2L)).isTrue();
        assertThat(routes.dispatch(new Opened("b"), 7L)).isTrue();
        assertThat(routes.dispatch(new Renamed("a"), 3L)).isFalse();

        assertThat(handled).containsExactly("closed a @2", "opened b @7");
        assertThat(routes.types()).containsExactlyInAnyOrder(Opened.class, Closed.class);
    }

    @Test
    void shouldRefuseASecondHandlerForOneType() {
        EventRoutes<Long> routes = new EventRoutes<Long>().on(Opened.class, (e, seq) -> { });
        assertThatThrownBy(() -> routes.on(Opened.class, (e, seq) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Opened");
    }
}
