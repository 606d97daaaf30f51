package cloud.practice.hierarchy;

import cloud.practice.testing.ProblemTable;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tree import and export at their edges: errors name the row and field in words (never a Java class), an import
 * as large as the gateway lets through is not refused here, invisible characters are refused in every row, and cells
 * a spreadsheet would run as formulas are defused in the CSV and come back unchanged when imported again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class TreeImportIT {

    static final String TREE = """
            [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
             {"unitId":"i-1","code":"I1","name":"所","tier":"INSTITUTE","parentId":"center"},
             {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1"}]""";

    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;

    final String district = "imp-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void shouldNameRowAndFieldInWordsWhenImportedRowsCannotBeRead() throws Exception {
        ResponseEntity<String> rows = importJson(district, """
                [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"I1","name":"所","tier":"VILLAGE","parentId":"center"},
                 {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1","colour":"red"},
                 {"unitId":"s-2","code":"S2","name":"站二","tier":"STATION","parentId":"i-1","communities":"一个社区"},
                 {"unitId":"s-3","code":"S3","name":"站三","tier":"STATION","parentId":"i-1","location":{"latitude":"north"}},
                 7]""");
        assertThat(rows.getStatusCode().value()).as(rows.getBody()).isEqualTo(422);
        assertThat(ProblemTable.problemType(rows)).endsWith("/import-invalid");
        JsonNode errors = json.readTree(rows.getBody()).get("errors");
        assertThat(errors).extracting(e -> e.get("row").asInt() + " " + e.path("field").asText())
                .containsExactly("2 tier", "3 colour", "4 communities", "5 location.latitude", "6 ");
        assertThat(errors.get(0).get("message").asText()).contains("VILLAGE").contains("STATION");
        assertNoJavaNames(rows);

        for (String malformed : List.of("[{\"unitId\":", "{\"unitId\":\"center\"}", "[1,", "\"text\"")) {
            ResponseEntity<String> answer = importJson(district, malformed);
            assertThat(answer.getStatusCode().value()).as(malformed + ": " + answer.getBody()).isEqualTo(400);
            assertThat(ProblemTable.problemType(answer)).endsWith("/malformed-body");
            assertNoJavaNames(answer);
        }
        assertThat(http.getForEntity("/api/v1/org-units/center?district=" + district, String.class)
                .getStatusCode().value()).as("nothing was imported").isEqualTo(404);
    }

    @Test
    void shouldAcceptAnImportAsLargeAsTheGatewayLetsThrough() {
        // Two megabytes: over the services' usual 1 MiB, under the gateway's 4 MB for the hierarchy route.
        String body = TREE.substring(0, TREE.length() - 1) + " ".repeat(2 * 1024 * 1024) + "]";
        ResponseEntity<String> imported = importJson(district, body);
        assertThat(imported.getStatusCode().value()).as(imported.getBody()).isEqualTo(200);
        assertThat(imported.getBody()).contains("\"established\":3");
    }

    @Test
    void shouldRefuseInvisibleCharactersInAnyImportedRowNamingRowAndField() throws Exception {
        ResponseEntity<String> jsonRows = importJson(district, """
                [{"unitId":"center","code":"C","name":"中心","tier":"CENTER"},
                 {"unitId":"i-1","code":"I1","name":"所\u202Egpj.exe","tier":"INSTITUTE","parentId":"center"},
                 {"unitId":"s-1","code":"S1","name":"站","tier":"STATION","parentId":"i-1","communities":["盘\u200B龙社区"]}]""");
        assertThat(jsonRows.getStatusCode().value()).as(jsonRows.getBody()).isEqualTo(422);
        JsonNode errors = json.readTree(jsonRows.getBody()).get("errors");
        assertThat(errors).extracting(e -> e.get("row").asInt() + " " + e.get("field").asText())
                .containsExactly("2 name", "3 communities[0]");
        assertThat(errors.get(0).get("message").asText()).contains("U+202E");

        ResponseEntity<String> csvRows = send("/api/v1/org-units/import?district=" + district
                + "&effectiveDate=2026-01-01", "text/csv", HEADER
                + "center,C,中心,CENTER,,,,,,,,,\r\n"
                + "i-1,I1,所,INSTITUTE,center,,九龙坡\u2066区,,,,,,\r\n"
                + "s-1,S1,站,STATION,i-1,,,,,,09:00\uFEFF-17:00,,\r\n");
        assertThat(csvRows.getStatusCode().value()).as(csvRows.getBody()).isEqualTo(422);
        assertThat(json.readTree(csvRows.getBody()).get("errors"))
                .extracting(e -> e.get("row").asInt() + " " + e.get("field").asText())
                .containsExactly("2 address", "3 openingHours");
        assertThat(http.getForEntity("/api/v1/org-units/center?district=" + district, String.class)
                .getStatusCode().value()).as("nothing was imported").isEqualTo(404);
    }

    @Test
    void shouldDefuseFormulasInTheCsvExportAndImportTheExportBackUnchanged() throws Exception {
        String tree = json.writeValueAsString(List.of(
                Map.of("unitId", "center", "code", "C", "name", "=HYPERLINK(\"http://evil.example\",\"中心\")",
                        "tier", "CENTER", "address", "+86 九龙坡区", "openingHours", "@SUM(A1)"),
                Map.of("unitId", "i-1", "code", "I1", "name", "-1+1 所", "tier", "INSTITUTE", "parentId", "center",
                        "communities", List.of("=1+1社区", "盘龙社区"), "location",
                        Map.of("latitude", -29.5, "longitude", 106.5)),
                Map.of("unitId", "s-1", "code", "S1", "name", "普通站", "tier", "STATION", "parentId", "i-1",
                        "openingHours", "周一至周五 09:00-17:00")));
        assertThat(importJson(district, tree).getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/org-units/s-1?district="
                + district, String.class).getStatusCode().is2xxSuccessful());

        String csv = http.getForObject("/api/v1/org-units/export?district=" + district + "&format=csv", String.class);
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(4);
        String center = lines.stream().filter(line -> line.startsWith("center,")).findFirst().orElseThrow();
        assertThat(center).contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"中心\"\")\",")
                .contains(",'+86 九龙坡区,").contains(",'@SUM(A1),");
        String institute = lines.stream().filter(line -> line.startsWith("i-1,")).findFirst().orElseThrow();
        assertThat(institute).contains(",'-1+1 所,").contains(",'=1+1社区;盘龙社区")
                .as("numbers are numbers, not formulas").contains(",-29.5,106.5,");
        for (String line : lines) {
            for (String cell : line.split(",")) {
                assertThat(cell.replace("\"", "")).as(line).doesNotStartWith("=").doesNotStartWith("+")
                        .doesNotStartWith("@");
            }
        }

        // The export imported into another district gives the same tree, formulas' text included.
        String copy = district + "-copy";
        ResponseEntity<String> reimported = send("/api/v1/org-units/import?district=" + copy
                + "&effectiveDate=2026-01-01", "text/csv", csv);
        assertThat(reimported.getStatusCode().value()).as(reimported.getBody()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> http.getForEntity("/api/v1/org-units/s-1?district="
                + copy, String.class).getStatusCode().is2xxSuccessful());
        assertThat(json.readTree(http.getForObject("/api/v1/org-units/export?district=" + copy, String.class)))
                .isEqualTo(json.readTree(http.getForObject("/api/v1/org-units/export?district=" + district,
                        String.class)));
        assertThat(http.getForObject("/api/v1/org-units/export?district=" + copy + "&format=csv", String.class))
                .isEqualTo(csv);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static final String HEADER = "unitId,code,name,tier,parentId,divisionCode,address,latitude,longitude,contact,"
            + "openingHours,platforms,communities\r\n";

    private static void assertNoJavaNames(ResponseEntity<String> answer) {
        assertThat(answer.getBody()).doesNotContain("cloud.practice").doesNotContain("com.fasterxml")
                .doesNotContain("java.").doesNotContain("Exception").doesNotContain("`")
                .doesNotContain("EstablishUnit").doesNotContain("StreamReadFeature").doesNotContain("Source:");
    }

    private ResponseEntity<String> importJson(String district, String body) {
        return send("/api/v1/org-units/import?district=" + district + "&effectiveDate=2026-01-01",
                MediaType.APPLICATION_JSON_VALUE, body);
    }

    private ResponseEntity<String> send(String path, String contentType, String body) {
        return ProblemTable.send(http, HttpMethod.POST, path, contentType, body, Map.of());
    }
}
