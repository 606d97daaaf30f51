package cloud.practice.support.web;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTest {

    private static final List<Integer> TEN = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    @Test
    void shouldCutThePageAndCountTheWhole() {
        Page<Integer> page = Page.of(TEN, 1, 4);
        assertThat(page.items()).containsExactly(4, 5, 6, 7);
        assertThat(page.total()).isEqualTo(10);
        assertThat(Page.of(TEN, 2, 4).items()).containsExactly(8, 9);
        assertThat(Page.of(TEN, Page.MAX_PAGE, Page.MAX_SIZE).items()).as("past the end: empty").isEmpty();
    }

    @Test
    void shouldRefuseAPageWhoseOffsetWouldOverflowWithA400NamingTheField() {
        assertThatThrownBy(() -> Page.of(TEN, Integer.MAX_VALUE, 500)).isInstanceOfSatisfying(ApiException.class,
                e -> {
                    assertThat(e.status().value()).isEqualTo(400);
                    assertThat(e.properties()).containsEntry("field", "page");
                });
        assertThatThrownBy(() -> Page.of(TEN, -1, 5)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> Page.of(TEN, 0, 0)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.properties()).containsEntry("field", "size"));
    }
}
