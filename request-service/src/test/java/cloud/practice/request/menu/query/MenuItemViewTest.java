package cloud.practice.request.menu.query;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MenuItemViewTest {

    @Test
    void shouldTakeOrdersOnlyOnceItsTermsAreProjectedAndWhileActive() {
        MenuItemView item = new MenuItemView();
        item.active = true;
        assertThat(item.orderable()).as("published, not yet defined: no reopen window to copy").isFalse();
        item.reopenWindow = "P7D";
        assertThat(item.orderable()).isTrue();
        item.active = false;
        assertThat(item.orderable()).as("retired").isFalse();
    }
}
