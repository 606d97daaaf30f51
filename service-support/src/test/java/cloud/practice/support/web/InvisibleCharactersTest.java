package cloud.practice.support.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvisibleCharactersTest {

    record Contact(String phone) {
    }

    record Unit(String name, List<String> communities, Contact contact, Map<String, Object> answers) {
    }

    private final InvisibleCharacters advice = new InvisibleCharacters();

    @Test
    void shouldAcceptChineseTextPunctuationAndEmoji() {
        Unit unit = new Unit("盘龙社区新时代文明实践站（一）", List.of("盘龙社区", "Panlong · 1号"), new Contact("+86 138"),
                Map.of("备注", "请于上午 9:00–11:00 来 🙂"));
        assertThat(advice.afterBodyRead(unit, null, null, Unit.class, null)).isSameAs(unit);
    }

    @Test
    void shouldRefuseEveryInvisibleOrDirectionChangingCharacterNamingTheField() {
        for (char c : "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200B\u200C\u200D\u200E\u200F\u2060\uFEFF\u00AD\u061C"
                .toCharArray()) {
            Unit unit = new Unit("站" + c + "名", List.of(), null, Map.of());
            assertThatThrownBy(() -> advice.afterBodyRead(unit, null, null, Unit.class, null)).as("U+%04X", (int) c)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.properties()).containsEntry("field", "name");
                    });
        }
    }

    @Test
    void shouldNameNestedFieldsListItemsAndMapKeys() {
        assertThatThrownBy(() -> advice.afterBodyRead(new Unit("a", List.of("ok", "b\u202Ec"), null, Map.of()),
                null, null, Unit.class, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.properties()).containsEntry("field", "communities[1]"));
        assertThatThrownBy(() -> advice.afterBodyRead(new Unit("a", List.of(), new Contact("138\u200B0"), Map.of()),
                null, null, Unit.class, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.properties()).containsEntry("field", "contact.phone"));
        assertThatThrownBy(() -> advice.afterBodyRead(new Unit("a", List.of(), null, Map.of("q", List.of("\u2066x"))),
                null, null, Unit.class, null)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.properties()).containsEntry("field", "answers.q[0]"));
    }

    @Test
    void shouldLeaveRawTextBodiesToTheirController() {
        assertThat(advice.supports(null, String.class, null)).isFalse();
        assertThat(advice.supports(null, Unit.class, null)).isTrue();
        assertThat(InvisibleCharacters.find("a\u202Eb")).isEqualTo(1);
        assertThat(InvisibleCharacters.find("盘龙")).isEqualTo(-1);
    }
}
