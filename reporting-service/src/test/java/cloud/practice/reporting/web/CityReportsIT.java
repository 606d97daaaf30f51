package cloud.practice.reporting.web;

import cloud.practice.reporting.city.CityColumns;
import cloud.practice.reporting.city.CityReports.CityFigureRow;
import cloud.practice.reporting.report.Period;
import cloud.practice.reporting.report.Scope;
import cloud.practice.reporting.report.TreeView;
import cloud.practice.reporting.scenario.DistrictScenario;
import cloud.practice.reporting.scenario.EventLog;
import cloud.practice.reporting.scenario.EventPublisher;
import cloud.practice.reporting.scenario.FigureAssertions;
import cloud.practice.reporting.scenario.NeighbourDistrict;
import cloud.practice.reporting.scenario.Recorded;
import cloud.practice.reporting.scenario.ScenarioOracle;
import cloud.practice.support.csv.Csv;
import cloud.practice.support.kafka.CloudEventCodec;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * The city level over HTTP with real tokens: a city of two districts that are each exactly the reporting scenario
 * (so the city's figures are known independently: the oracle's, twice over) and a neighbouring district of another
 * city; what a city analyst, the districts' own staff and platform clients see of them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "practice.reporting.cities.cq-twins.name=双子市",
        "practice.reporting.cities.cq-twins.districts[0].id=cq-twin-a",
        "practice.reporting.cities.cq-twins.districts[0].name=甲区",
        "practice.reporting.cities.cq-twins.districts[1].id=cq-twin-b",
        "practice.reporting.cities.cq-twins.districts[1].name=乙区",
        "practice.reporting.cities.cq-other.name=邻市",
        "practice.reporting.cities.cq-other.districts[0].id=cq-neighbour",
        "practice.reporting.cities.cq-other.districts[1].id=cq-quiet"})
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CityReportsIT {

    static final DistrictScenario SCENARIO = DistrictScenario.build();
    static final String RANGE = "from=2026-01-01&to=2026-05-31";
    static final String CITY = "/api/v1/reports/cities/cq-twins";

    @Autowired
    TestRestTemplate rest;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    CloudEventCodec codec;

    final TestIdentity identity = TestIdentity.get();
    final String cityAnalyst = identity.cityAnalystToken("acc-city-twins", "cq-twins");
    final String otherCityAnalyst = identity.cityAnalystToken("acc-city-other", "cq-other");
    final String platform = identity.token("ops", "SYSTEM", null, null, Scopes.ALL);

    @BeforeAll
    void threeDistricts() {
        List<Recorded> events = new ArrayList<>();
        events.addAll(Recorded.inDistrict(SCENARIO.events(), "cq-twin-a"));
        events.addAll(Recorded.inDistrict(SCENARIO.events(), "cq-twin-b"));
        events.addAll(NeighbourDistrict.generate("cq-neighbour", SCENARIO.events(), 11, 400));
        new EventPublisher(kafka, codec).publish(EventLog.shuffled(events, 3, 100));
        long expected = SCENARIO.requests.size();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String district : List.of("cq-twin-a", "cq-twin-b")) {
                ResponseEntity<String> year = get(platform, "/api/v1/reports/figures?district=" + district + "&"
                        + RANGE + "&granularity=year");
                if (!year.getStatusCode().is2xxSuccessful() || json(year).at("/items/0/requests/submitted").asLong()
                        != expected || json(year).at("/items/0/volunteers/registered").asLong()
                        != SCENARIO.volunteers.size()) {
                    return false;
                }
            }
            return get(platform, "/api/v1/reports/figures?district=cq-neighbour").getStatusCode().is2xxSuccessful();
        });
    }

    @Test
    void shouldShowTheCityAndEachDistrictWithTheFiguresTheOracleImplies() {
        ScenarioOracle oracle = new ScenarioOracle(SCENARIO);
        SoftAssertions softly = new SoftAssertions();
        for (TreeView view : TreeView.values()) {
            String query = CITY + "/figures?" + RANGE + "&granularity=month&view=" + view.name().toLowerCase();
            List<CityFigureRow> rows = rows(get(cityAnalyst, query));
            softly.assertThat(rows).as(query).hasSize(5 * 3);
            for (int i = 0; i < rows.size(); i += 3) {
                CityFigureRow city = rows.get(i);
                Period period = new Period(city.figures().period(), LocalDate.parse(city.figures().from()),
                        LocalDate.parse(city.figures().to()));
                ScenarioOracle.Expected one = oracle.expect("center", Scope.SUBTREE, view, period);
                softly.assertThat(city.districtId()).as("the city's row comes first").isNull();
                softly.assertThat(city.name()).isEqualTo("双子市");
                FigureAssertions.assertMatches(softly, "city " + view, city.figures(), one.times(2));
                softly.assertThat(rows.subList(i + 1, i + 3)).extracting(CityFigureRow::districtId)
                        .containsExactly("cq-twin-a", "cq-twin-b");
                softly.assertThat(rows.subList(i + 1, i + 3)).extracting(CityFigureRow::name)
                        .containsExactly("甲区", "乙区");
                for (CityFigureRow district : rows.subList(i + 1, i + 3)) {
                    softly.assertThat(district.figures().unitId()).isEqualTo("center");
                    FigureAssertions.assertMatches(softly, district.districtId() + " " + view, district.figures(),
                            one);
                }
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldPutTheDistrictsSideBySideOverTheWholeRangeInJsonAndCsv() {
        ScenarioOracle oracle = new ScenarioOracle(SCENARIO);
        Period range = new Period("2026-01-01/2026-05-31", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 5, 31));
        List<CityFigureRow> rows = rows(get(cityAnalyst, CITY + "/districts?" + RANGE));
        assertThat(rows).extracting(CityFigureRow::districtId).containsExactly(null, "cq-twin-a", "cq-twin-b");
        assertThat(rows).extracting(row -> row.figures().period()).containsOnly("2026-01-01/2026-05-31");
        ScenarioOracle.Expected one = oracle.expect("center", Scope.SUBTREE, TreeView.THEN, range);
        assertThat(one.submitted()).as("the scenario has requests in the range").isPositive();
        assertSoftly(softly -> {
            FigureAssertions.assertMatches(softly, "city", rows.get(0).figures(), one.times(2));
            FigureAssertions.assertMatches(softly, "cq-twin-b", rows.get(2).figures(), one);
        });

        ResponseEntity<String> csv = get(cityAnalyst, CITY + "/districts?" + RANGE + "&format=csv");
        assertThat(csv.getHeaders().getContentType()).hasToString("text/csv;charset=UTF-8");
        assertThat(csv.getBody()).startsWith("city_id,district_id,name,period,from,to,unit_id,scope,view,")
                .isEqualTo(Csv.write(CityColumns.FIGURES, rows));
        assertThat(csv.getBody().split("\r\n")).hasSize(4);
        assertThat(csv.getBody().split("\r\n")[1]).startsWith("cq-twins,,双子市,2026-01-01/2026-05-31,");
    }

    @Test
    void shouldListTheCallersCityWithWhetherEachDistrictReports() {
        JsonNode mine = json(get(cityAnalyst, "/api/v1/reports/cities"));
        assertThat(mine).hasSize(1);
        assertThat(mine.at("/0/cityId").asText()).isEqualTo("cq-twins");
        assertThat(mine.at("/0/name").asText()).isEqualTo("双子市");
        assertThat(mine.at("/0/districts/1/districtId").asText()).isEqualTo("cq-twin-b");
        assertThat(mine.at("/0/districts/1/reporting").asBoolean()).isTrue();
        JsonNode every = json(get(platform, "/api/v1/reports/cities"));
        assertThat(every.findValuesAsText("cityId")).containsExactly("cq-other", "cq-twins");
        assertThat(every.at("/0/districts/1/districtId").asText()).isEqualTo("cq-quiet");
        assertThat(every.at("/0/districts/1/name").asText()).as("a district without a name shows its id")
                .isEqualTo("cq-quiet");
        assertThat(every.at("/0/districts/1/reporting").asBoolean()).as("nothing projected yet").isFalse();
        List<CityFigureRow> quiet = rows(get(otherCityAnalyst, "/api/v1/reports/cities/cq-other/districts?" + RANGE));
        assertThat(quiet.get(2).figures().requests().submitted()).as("a district without events counts as empty")
                .isZero();
        assertThat(quiet.get(0).figures().requests().submitted()).as("the city is its one reporting district")
                .isEqualTo(quiet.get(1).figures().requests().submitted());
    }

    record Case(String who, String token, String path, int status) {
    }

    @Test
    void shouldLetACitysAnalystReadItsDistrictsAndNothingElse() {
        String twinAnalyst = identity.token("analyst-a", Role.ANALYST.name(), "cq-twin-a", "center",
                Scopes.forRole(Role.ANALYST));
        String twinAdmin = identity.token("admin-a", Role.DISTRICT_ADMIN.name(), "cq-twin-a", "center",
                Scopes.forRole(Role.DISTRICT_ADMIN));
        String twinClient = identity.token("bi-a", "SYSTEM", "cq-twin-a", null, Scopes.ALL);
        List<Case> cases = List.of(
                new Case("city analyst, a district of the city", cityAnalyst,
                        "/api/v1/reports/figures?district=cq-twin-a&unit=i1", 200),
                new Case("city analyst, a district's tree", cityAnalyst, "/api/v1/reports/units?district=cq-twin-b", 200),
                new Case("city analyst, a district of another city", cityAnalyst,
                        "/api/v1/reports/figures?district=cq-neighbour", 403),
                new Case("city analyst, a district of no city", cityAnalyst,
                        "/api/v1/reports/figures?district=cq-scenario", 403),
                new Case("city analyst, another city", cityAnalyst, "/api/v1/reports/cities/cq-other/figures", 403),
                new Case("city analyst, a city that does not exist", cityAnalyst,
                        "/api/v1/reports/cities/cq-nowhere/figures", 403),
                new Case("city analyst, the projections", cityAnalyst, "/api/v1/reports/projections", 403),
                new Case("district analyst, the city", twinAnalyst, CITY + "/figures", 403),
                new Case("district analyst, the cities", twinAnalyst, "/api/v1/reports/cities", 403),
                new Case("district admin, the city", twinAdmin, CITY + "/districts", 403),
                new Case("district client, the city", twinClient, CITY + "/figures", 403),
                new Case("district analyst, the twin district", twinAnalyst,
                        "/api/v1/reports/figures?district=cq-twin-b", 403),
                new Case("platform client, the city", platform, CITY + "/figures", 200),
                new Case("platform client, a city that does not exist", platform,
                        "/api/v1/reports/cities/cq-nowhere/figures", 404),
                new Case("a city id that is no id", platform, "/api/v1/reports/cities/CQ_TWINS/figures", 400),
                new Case("a district's filter", cityAnalyst, CITY + "/figures?unit=center", 400),
                new Case("a scope", cityAnalyst, CITY + "/figures?scope=unit", 400),
                new Case("a granularity on the side-by-side", cityAnalyst, CITY + "/districts?granularity=month", 400),
                new Case("a bad granularity", cityAnalyst, CITY + "/figures?granularity=fortnight", 400),
                new Case("a backwards range", cityAnalyst, CITY + "/figures?from=2026-05-01&to=2026-04-01", 400));
        assertSoftly(softly -> {
            for (Case c : cases) {
                ResponseEntity<String> answer = get(c.token(), c.path());
                softly.assertThat(answer.getStatusCode().value()).as("%s: %s", c.who(), answer.getBody())
                        .isEqualTo(c.status());
            }
        });
        JsonNode top = json(get(cityAnalyst, "/api/v1/reports/top/volunteers?district=cq-twin-a&" + RANGE));
        assertThat(top.get("items")).as("the scenario's volunteers have hours").isNotEmpty();
        for (JsonNode volunteer : top.get("items")) {
            assertThat(volunteer.path("name").isNull() || volunteer.path("name").isMissingNode())
                    .as("a city analyst sees no volunteer's name: " + volunteer).isTrue();
        }
    }

    private ResponseEntity<String> get(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private List<CityFigureRow> rows(ResponseEntity<String> answer) {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return new ReportsClient(rest).read(json(answer).get("items").toString(),
                new TypeReference<List<CityFigureRow>>() { });
    }

    private JsonNode json(ResponseEntity<String> answer) {
        return new ReportsClient(rest).read(answer.getBody(), new TypeReference<JsonNode>() { });
    }
}
