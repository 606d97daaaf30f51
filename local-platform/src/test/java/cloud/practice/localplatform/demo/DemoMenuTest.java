package cloud.practice.localplatform.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo menu shows the attribute model (issue 28): questions of every datatype, lists with their values, a
 * service with required questions; and the loader's own orders stay valid (they answer no questions, so the items
 * they order from ask none that is required).
 */
class DemoMenuTest {

    final ObjectMapper json = new ObjectMapper();
    final Map<String, ObjectNode> items = DemoMenu.items(json);

    @Test
    void shouldAskQuestionsOfEveryDatatype() {
        assertThat(DemoMenu.datatypes(json)).containsExactlyInAnyOrder("STRING", "NUMBER", "DATETIME", "TEXT",
                "SINGLEVALUELIST", "MULTIVALUELIST");
        assertThat(fields().filter(field -> field.get("datatype").asText().endsWith("LIST")))
                .allSatisfy(list -> assertThat(list.get("values").size()).isGreaterThanOrEqualTo(2));
        assertThat(fields().filter(field -> field.get("required").asBoolean())).isNotEmpty();
        assertThat(fields()).allSatisfy(field -> assertThat(field.get("code").asText()).matches("[a-z][a-z_]*"));
    }

    @Test
    void shouldAskNothingRequiredOfTheItemsTheLoaderOrdersFrom() {
        List<String> ordered = new ArrayList<>(List.of(DemoDistrictMain.LIVE_ITEMS));
        ordered.addAll(List.of(DemoDistrictMain.PAST_ITEMS));
        assertThat(items.keySet()).containsAll(ordered);
        for (String code : ordered) {
            items.get(code).path("fields").forEach(field -> assertThat(field.get("required").asBoolean())
                    .as("%s.%s", code, field.get("code").asText()).isFalse());
        }
        assertThat(ordered).doesNotContain(DemoMenu.HOME_REPAIR);
    }

    private Stream<JsonNode> fields() {
        List<JsonNode> all = new ArrayList<>();
        items.values().forEach(item -> item.path("fields").forEach(all::add));
        return all.stream();
    }
}
