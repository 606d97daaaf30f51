package cloud.practice.request.open311.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static cloud.practice.request.open311.format.Open311Writer.ordered;
import static org.assertj.core.api.Assertions.assertThat;

/** One tree, two formats: the element names, nesting and empty values the spec's examples show. */
class Open311WriterTest {

    final ObjectMapper json = new ObjectMapper();
    final Open311Writer writer = new Open311Writer(json);

    @Test
    void shouldWriteAListRootAsAJsonArrayAndAsSpecElementsInXml() throws Exception {
        List<Map<String, Object>> services = List.of(
                ordered("service_code", "CARE-ESCORT", "service_name", "陪同就医", "metadata", true, "keywords", null),
                ordered("service_code", "TALK", "service_name", "理论宣讲 & <问答>", "metadata", false, "keywords", "a,b"));

        JsonNode asJson = json.readTree(writer.write(Format.JSON, "services", services));
        assertThat(asJson.isArray()).isTrue();
        assertThat(asJson.get(0).get("metadata").isBoolean()).isTrue();
        assertThat(asJson.get(0).get("keywords").isNull()).isTrue();

        assertThat(writer.write(Format.XML, "services", services)).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><services>"
                        + "<service><service_code>CARE-ESCORT</service_code><service_name>陪同就医</service_name>"
                        + "<metadata>true</metadata><keywords/></service>"
                        + "<service><service_code>TALK</service_code><service_name>理论宣讲 &amp; &lt;问答&gt;</service_name>"
                        + "<metadata>false</metadata><keywords>a,b</keywords></service></services>");
    }

    @Test
    void shouldNestAttributesAndValuesAsTheServiceDefinitionShowsThem() {
        Map<String, Object> definition = ordered("service_code", "X", "attributes", List.of(ordered(
                "code", "mobility", "order", 2, "values", List.of(ordered("key", "walk", "name", "可步行")))));

        assertThat(writer.write(Format.XML, "service_definition", definition)).endsWith(
                "<service_definition><service_code>X</service_code><attributes><attribute><code>mobility</code>"
                        + "<order>2</order><values><value><key>walk</key><name>可步行</name></value></values>"
                        + "</attribute></attributes></service_definition>");
    }

    @Test
    void shouldNameTheItemsOfEverySpecList() {
        assertThat(Open311Writer.item("service_requests")).isEqualTo("request");
        assertThat(Open311Writer.item("service_request_updates")).isEqualTo("request_update");
        assertThat(Open311Writer.item("errors")).isEqualTo("error");
        assertThat(Open311Writer.item("endpoints")).isEqualTo("endpoint");
        assertThat(Open311Writer.item("formats")).isEqualTo("format");
        assertThat(Open311Writer.item("dead_letters")).isEqualTo("dead_letter");
    }

    @Test
    void shouldWriteErrorsAsTheSpecDefinesThem() throws Exception {
        assertThat(writer.errors(Format.XML, 404, "service_code 'X' was not found")).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><errors><error><code>404</code>"
                        + "<description>service_code 'X' was not found</description></error></errors>");
        JsonNode errors = json.readTree(writer.errors(Format.JSON, 400, "lat and long must be sent together"));
        assertThat(errors.toString()).isEqualTo("[{\"code\":400,\"description\":\"lat and long must be sent together\"}]");
    }

    @Test
    void shouldWriteCoordinatesAsPlainDecimals() {
        assertThat(writer.write(Format.XML, "request", ordered("lat", 29.507, "long", 106.0)))
                .endsWith("<request><lat>29.507</lat><long>106</long></request>");
    }

    @Test
    void shouldKeepTheXmlWellFormedWhateverTheRequesterTyped() throws Exception {
        String typed = "line\u0001one\ttab\n😀 end\uFFFF";

        String xml = writer.write(Format.XML, "request", ordered("description", typed));

        assertThat(xml).endsWith("<request><description>lineone\ttab\n😀 end</description></request>");
        assertThat(javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getDocumentElement().getTextContent()).isEqualTo("lineone\ttab\n😀 end");
        assertThat(json.readTree(writer.write(Format.JSON, "request", ordered("description", typed)))
                .get("description").asText()).as("JSON escapes, so it keeps everything").isEqualTo(typed);
    }

    @Test
    void shouldPickTheFormatFromTheResourcesExtension() {
        assertThat(Format.ofPath("/open311/v2/requests/req-1.json")).isEqualTo(Format.JSON);
        assertThat(Format.ofPath("/open311/v2/services.XML")).isEqualTo(Format.XML);
        assertThat(Format.ofPath("/open311/v2/services/CARE.ESCORT")).as("unknown extension: the required XML")
                .isEqualTo(Format.XML);
        assertThat(Format.of("csv")).isEmpty();
        assertThat(Format.JSON.mimeType()).isEqualTo("application/json");
        assertThat(Format.XML.mimeType()).isEqualTo("text/xml");
    }
}
