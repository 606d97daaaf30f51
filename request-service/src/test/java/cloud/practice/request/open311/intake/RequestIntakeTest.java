package cloud.practice.request.open311.intake;

import cloud.practice.request.menu.api.MenuField;
import cloud.practice.request.menu.query.MenuItemView;
import cloud.practice.request.open311.Open311Exception;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** attribute[code] parameters as the answers the menu's own validation checks; who the requester is. */
class RequestIntakeTest {

    @Test
    void shouldTypeAttributesByTheirDatatype() {
        Map<String, Object> typed = RequestIntake.typed(item(), Map.of("needs", List.of("a", "b"),
                "visitors", List.of("2"), "weight", List.of("2.5"), "hospital", List.of("区医院")));

        assertThat(typed).containsEntry("needs", List.of("a", "b")).containsEntry("visitors", 2L)
                .containsEntry("weight", 2.5).containsEntry("hospital", "区医院");
    }

    @Test
    void shouldRefuseUnknownAttributesSeveralValuesForOneAndNonNumbers() {
        assertThatThrownBy(() -> RequestIntake.typed(item(), Map.of("colour", List.of("red"))))
                .isInstanceOf(Open311Exception.class).hasMessageContaining("attribute[colour]");
        assertThatThrownBy(() -> RequestIntake.typed(item(), Map.of("hospital", List.of("a", "b"))))
                .hasMessage("attribute[hospital] takes exactly one value");
        assertThatThrownBy(() -> RequestIntake.typed(item(), Map.of("visitors", List.of("Infinity"))))
                .hasMessage("attribute[visitors] must be a number");
    }

    @Test
    void shouldNameTheRequesterByAccountOrByAPseudonymNeverByTheirContact() {
        RequestIntake.Intake byAccount = intake("resident-7", "wang@example.org", null);
        RequestIntake.Intake byEmail = intake(null, "Wang@Example.org ", null);
        RequestIntake.Intake sameEmail = intake(null, "wang@example.org", null);
        RequestIntake.Intake byPhone = intake(null, null, "138-1234-5678");
        RequestIntake.Intake anonymous = intake(null, null, null);

        assertThat(RequestIntake.requesterId(byAccount)).isEqualTo("resident-7");
        assertThat(RequestIntake.requesterId(byEmail)).startsWith("o311-").doesNotContain("wang")
                .isEqualTo(RequestIntake.requesterId(sameEmail)).hasSize(29);
        assertThat(RequestIntake.requesterId(byPhone)).doesNotContain("1234");
        assertThat(RequestIntake.requesterId(anonymous)).isEqualTo("o311-hotline");
    }

    private static RequestIntake.Intake intake(String account, String email, String phone) {
        return new RequestIntake.Intake("d", "hotline", "X", null, null, null, Map.of(), email, phone, null, null,
                account, null, null);
    }

    private static MenuItemView item() {
        MenuItemView item = new MenuItemView();
        item.code = "X";
        item.fields = List.of(new MenuField("hospital", "医院", MenuField.Datatype.STRING, true, 1, null, List.of()),
                new MenuField("needs", "需要", MenuField.Datatype.MULTIVALUELIST, false, 2, null, List.of()),
                new MenuField("visitors", "人数", MenuField.Datatype.NUMBER, false, 3, null, List.of()),
                new MenuField("weight", "重量", MenuField.Datatype.NUMBER, false, 4, null, List.of()));
        return item;
    }
}
