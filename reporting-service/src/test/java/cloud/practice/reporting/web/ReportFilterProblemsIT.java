package cloud.practice.reporting.web;

import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.reporting.scenario.EventLog;
import cloud.practice.reporting.scenario.EventPublisher;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.ProblemTable;
import cloud.practice.testing.ProblemTable.Case;
import cloud.practice.testing.WithPlatformInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/** Every bad filter gets a clear 4xx problem+json naming it, on every report. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class ReportFilterProblemsIT {

    private static final String DISTRICT = "cq-filters";
    private static final String BASE = "/api/v1/reports/figures?district=" + DISTRICT;

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private KafkaTemplate<String, byte[]> kafka;
    @Autowired
    private CloudEventCodec codec;

    private static Case get(String what, String path, int status, String type) {
        return Case.json(what, HttpMethod.GET, path, null, status, type);
    }

    @Test
    void shouldDescribeTheReportsInTheOpenApiDocument() {
        String document = new ReportsClient(rest).get("/v3/api-docs").getBody();
        org.assertj.core.api.Assertions.assertThat(document).contains("/api/v1/reports/figures",
                "/api/v1/reports/unmet-demand", "/api/v1/reports/top/volunteers", "/api/v1/reports/top/units",
                "/api/v1/reports/assessment", "/api/v1/reports/projections/rebuild", "\"granularity\"");
    }

    @Test
    void shouldAnswerEveryBadFilterWithAProblemNamingIt() {
        EventLog log = new EventLog();
        log.append(DISTRICT, new OrgUnitEstablished("center", DISTRICT, "C", "Center", OrgTier.CENTER, null, null,
                null, null, Set.of(), List.of(), LocalDate.of(2026, 1, 1)), Instant.now());
        new EventPublisher(kafka, codec).publish(log.events());
        ReportsClient client = new ReportsClient(rest);
        await().atMost(Duration.ofSeconds(60)).until(() -> client.get(BASE).getStatusCode().value() == 200);

        ProblemTable.assertAnswers(client.http(), List.of(
                get("district missing", "/api/v1/reports/figures", 400, "invalid-field"),
                get("district malformed", "/api/v1/reports/figures?district=CQ!!", 400, "invalid-field"),
                get("district unknown", "/api/v1/reports/figures?district=cq-nowhere", 404, "not-found"),
                get("district twice", BASE + "&district=cq-other", 400, "invalid-field"),
                get("unit unknown", BASE + "&unit=s-404", 404, "not-found"),
                get("unit malformed", BASE + "&unit=bad%20id", 400, "invalid-field"),
                get("scope unknown", BASE + "&scope=everything", 400, "invalid-field"),
                get("view unknown", BASE + "&view=yesterday", 400, "invalid-field"),
                get("granularity unknown", BASE + "&granularity=hour", 400, "invalid-field"),
                get("from not a date", BASE + "&from=2026-13-01", 400, "invalid-field"),
                get("from with a time", BASE + "&from=2026-03-01T00:00:00Z", 400, "invalid-field"),
                get("to in another format", BASE + "&to=01/03/2026", 400, "invalid-field"),
                get("from after to", BASE + "&from=2026-03-02&to=2026-03-01", 400, "invalid-field"),
                get("too many periods", BASE + "&from=2020-01-01&to=2026-01-01&granularity=day", 400, "invalid-field"),
                get("platform unknown", BASE + "&platform=COOKING", 400, "invalid-field"),
                get("channel unknown", BASE + "&channel=FAX", 400, "invalid-field"),
                get("menu item malformed", BASE + "&menuItem=%3Cscript%3E", 400, "invalid-field"),
                get("page negative", BASE + "&page=-1", 400, "invalid-field"),
                get("size zero", BASE + "&size=0", 400, "invalid-field"),
                // Paging edges (issue 20, finding 8): bounded, 400 and never an overflow, on every paged list.
                get("units: page at the int limit", "/api/v1/reports/units?district=" + DISTRICT
                        + "&page=2147483647&size=500", 400, "invalid-field"),
                get("open requests: page at the int limit", "/api/v1/reports/open-requests?district=" + DISTRICT
                        + "&page=2147483647&size=500", 400, "invalid-field"),
                get("unmet demand: page past the int limit", "/api/v1/reports/unmet-demand?district=" + DISTRICT
                        + "&page=2147483648", 400, "invalid-field"),
                get("top units: page past the bound", "/api/v1/reports/top/units?district=" + DISTRICT
                        + "&page=100001", 400, "invalid-field"),
                get("figures: size at the int limit", BASE + "&size=2147483647", 400, "invalid-field"),
                get("assessment: page negative", "/api/v1/reports/assessment?district=" + DISTRICT + "&page=-1", 400,
                        "invalid-field"),
                get("size too large", BASE + "&size=100000", 400, "invalid-field"),
                get("size not a number", BASE + "&size=abc", 400, "invalid-field"),
                get("unknown parameter (typo)", BASE + "&granularty=month", 400, "invalid-field"),
                get("format unknown", BASE + "&format=xml", 400, "invalid-field"),
                get("oversized value", BASE + "&unit=" + "x".repeat(300), 400, "invalid-field"),
                get("limit zero", "/api/v1/reports/top/volunteers?district=" + DISTRICT + "&limit=0", 400,
                        "invalid-field"),
                get("limit on figures", BASE + "&limit=5", 400, "invalid-field"),
                get("tier unknown", "/api/v1/reports/top/units?district=" + DISTRICT + "&tier=galaxy", 400,
                        "invalid-field"),
                get("unmet demand: bad granularity", "/api/v1/reports/unmet-demand?district=" + DISTRICT
                        + "&granularity=decade", 400, "invalid-field"),
                get("assessment: unknown district", "/api/v1/reports/assessment?district=cq-nowhere", 404,
                        "not-found")));
    }
}
