package cloud.practice.reporting;

import cloud.practice.reporting.projection.ProjectionStatus;
import cloud.practice.reporting.report.FigureRow;
import cloud.practice.reporting.report.Period;
import cloud.practice.reporting.report.ReportColumns;
import cloud.practice.reporting.report.Scope;
import cloud.practice.reporting.report.TreeView;
import cloud.practice.reporting.scenario.DistrictScenario;
import cloud.practice.reporting.scenario.EventLog;
import cloud.practice.reporting.scenario.EventPublisher;
import cloud.practice.reporting.scenario.FigureAssertions;
import cloud.practice.reporting.scenario.ScenarioOracle;
import cloud.practice.reporting.web.ReportsClient;
import cloud.practice.support.csv.Csv;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The "done when": after the scenario (a district tree, volunteers, 300 requests through every state,
 * activities, pairings, a move and a merge) every figure equals what the scenario implies, as now and as then, in
 * JSON and CSV; a rebuild from offset zero reproduces them exactly while the old version keeps serving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // Slow checks leave a visible window in which the new version builds and the old one serves.
        "practice.reporting.monitor-interval=3s"})
@WithPlatformInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportingScenarioIT {

    private static final DistrictScenario SCENARIO = DistrictScenario.build();
    private static final String RANGE = "district=" + DistrictScenario.DISTRICT + "&from=2026-01-01&to=2026-05-31";
    private static final List<String[]> CASES = List.of(new String[]{"center", "subtree"},
            new String[]{"i1", "subtree"}, new String[]{"i2", "subtree"}, new String[]{"s2", "unit"},
            new String[]{"s3", "unit"}, new String[]{"s4", "unit"});
    private static boolean published;

    @Autowired
    private TestRestTemplate rest;
    @Autowired
    private KafkaTemplate<String, byte[]> kafka;
    @Autowired
    private CloudEventCodec codec;
    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private ReportsClient client() {
        return new ReportsClient(rest);
    }

    private void publishOnce() {
        if (!published) {
            // Independent aggregates interleaved and some events delivered twice, as Kafka may deliver them.
            new EventPublisher(kafka, codec).publish(EventLog.shuffled(SCENARIO.events(), 7, 200));
            published = true;
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<ProjectionStatus> status = client().status();
            return status.size() == 1 && status.get(0).lag() == 0 && client().get("/api/v1/reports/figures?" + RANGE
                    + "&granularity=year").getStatusCode().is2xxSuccessful();
        });
    }

    private static String query(String unit, String scope, TreeView view) {
        return RANGE + "&unit=" + unit + "&scope=" + scope + "&view=" + view.name().toLowerCase(Locale.ROOT)
                + "&granularity=month";
    }

    /** Every case in both views: JSON against the oracle, CSV equal to the JSON's rows written as CSV. */
    private Map<String, List<FigureRow>> assertEveryFigure() {
        ScenarioOracle oracle = new ScenarioOracle(SCENARIO);
        SoftAssertions softly = new SoftAssertions();
        Map<String, List<FigureRow>> answers = new HashMap<>();
        for (TreeView view : TreeView.values()) {
            for (String[] c : CASES) {
                String q = query(c[0], c[1], view);
                List<FigureRow> rows = client().figures(q);
                answers.put(q, rows);
                softly.assertThat(rows).as(q).hasSize(5);
                for (FigureRow row : rows) {
                    FigureAssertions.assertMatches(softly, q, row, oracle.expect(c[0], Scope.valueOf(c[1]
                                    .toUpperCase(Locale.ROOT)), view,
                            new Period(row.period(), LocalDate.parse(row.from()), LocalDate.parse(row.to()))));
                }
                ResponseEntity<String> csv = client().get("/api/v1/reports/figures?" + q + "&format=csv");
                softly.assertThat(csv.getHeaders().getContentType()).as(q + " csv type").hasToString("text/csv;charset=UTF-8");
                softly.assertThat(csv.getBody()).as(q + " csv").isEqualTo(Csv.write(ReportColumns.FIGURES, rows));
            }
        }
        softly.assertAll();
        return answers;
    }

    @Test
    @Order(1)
    void shouldReportWhatTheScenarioImpliesAsNowAndAsThenInJsonAndCsv() {
        publishOnce();
        assertEveryFigure();
        // The same CSV through content negotiation.
        ResponseEntity<String> negotiated = client().get("/api/v1/reports/figures?"
                + query("i1", "subtree", TreeView.THEN), "text/csv");
        assertThat(negotiated.getBody()).startsWith("period,from,to,unit_id,scope,view,units_center_active,");
        assertThat(negotiated.getBody().split("\r\n")).hasSize(6);
    }

    @Test
    @Order(2)
    void shouldPutUnmetDemandTopListsAndTheAssessmentOnTheSameFacts() {
        publishOnce();
        JsonNode demand = client().json("/api/v1/reports/unmet-demand?" + RANGE + "&granularity=year&size=500");
        long open = 0;
        long rejected = 0;
        long expired = 0;
        for (JsonNode row : demand.get("items")) {
            open += row.get("open").asLong();
            rejected += row.get("rejected").asLong();
            expired += row.get("expired").asLong();
        }
        assertThat(open).isEqualTo(SCENARIO.requests.stream().filter(r -> List.of("SUBMITTED", "REVIEWED",
                "DISPATCHED", "IN_SERVICE", "REOPENED").contains(r.status())).count());
        assertThat(rejected).isEqualTo(30);
        assertThat(expired).isEqualTo(30);

        Map<String, Integer> halfHours = new HashMap<>();
        SCENARIO.requests.stream().filter(r -> r.completed() != null).forEach(r ->
                halfHours.merge(r.volunteer(), r.creditHalfHours(), Integer::sum));
        SCENARIO.activities.forEach(a -> a.attendees().forEach(v -> halfHours.merge(v, 4, Integer::sum)));
        SCENARIO.honours.stream().filter(h -> !h.revoked()).forEach(h -> halfHours.merge(h.volunteer(), h.halfHours(),
                Integer::sum));
        double best = halfHours.values().stream().mapToInt(Integer::intValue).max().orElseThrow() / 2.0;
        JsonNode top = client().json("/api/v1/reports/top/volunteers?" + RANGE + "&limit=3");
        assertThat(top.get("items")).hasSize(3);
        assertThat(top.get("items").get(0).get("hours").asDouble()).isEqualTo(best);
        assertThat(top.get("items").get(0).get("name").asText()).startsWith("志*");

        JsonNode units = client().json("/api/v1/reports/top/units?" + RANGE + "&view=now");
        assertThat(units.get("items")).extracting(u -> u.get("unitId").asText())
                .containsExactlyInAnyOrder("s1", "s2", "s3");

        JsonNode assessment = client().json("/api/v1/reports/assessment?" + RANGE + "&view=then");
        FigureRow year = client().figures(RANGE + "&granularity=year&view=then").get(0);
        assertThat(assessment.get("activitiesHeld").asLong()).isEqualTo(year.activities().held());
        assertThat(assessment.get("registeredVolunteers").asLong()).isEqualTo(40);
        assertThat(assessment.get("averageRating").asDouble()).isEqualTo(year.satisfaction().averageRating());
        String link = assessment.get("links").get("figures").asText();
        assertThat(client().get(link).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    @Order(3)
    void shouldRebuildFromOffsetZeroWhileTheOldVersionServesThenSwitch() {
        publishOnce();
        Map<String, List<FigureRow>> before = new HashMap<>();
        for (TreeView view : TreeView.values()) {
            for (String[] c : CASES) {
                before.put(query(c[0], c[1], view), client().figures(query(c[0], c[1], view)));
            }
        }
        int active = client().status().get(0).version();

        ResponseEntity<String> started = client().post("/api/v1/reports/projections/rebuild");
        assertThat(started.getStatusCode().value()).as(started.getBody()).isEqualTo(202);
        assertThat(client().post("/api/v1/reports/projections/rebuild").getStatusCode().value())
                .as("one rebuild at a time").isEqualTo(409);
        List<ProjectionStatus> during = client().status();
        assertThat(during).extracting(ProjectionStatus::role, ProjectionStatus::version).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ProjectionStatus.Role.ACTIVE, active),
                org.assertj.core.groups.Tuple.tuple(ProjectionStatus.Role.BUILDING, active + 1));
        // The old version answers, unchanged, while the new one builds.
        assertThat(assertEveryFigure()).isEqualTo(before);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<ProjectionStatus> status = client().status();
            return status.size() == 1 && status.get(0).version() == active + 1;
        });
        ProjectionStatus after = client().status().get(0);
        assertThat(after.role()).isEqualTo(ProjectionStatus.Role.ACTIVE);
        assertThat(after.eventsApplied()).isPositive();
        assertThat(assertEveryFigure()).as("the rebuilt version reproduces every figure exactly").isEqualTo(before);
        // Lag as a metric (Prometheus export is off in tests; the registry holds the same meters).
        assertThat(meters.get("practice.reporting.projection.lag").tag("role", "active").gauge().value()).isZero();
        assertThat(meters.get("practice.reporting.projection.delay").timer().count()).isPositive();
    }
}
