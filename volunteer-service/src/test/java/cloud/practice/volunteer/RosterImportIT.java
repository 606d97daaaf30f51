package cloud.practice.volunteer;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.volunteer.roster.RosterFile.Row;
import cloud.practice.volunteer.roster.RosterImports;
import cloud.practice.volunteer.support.Http;
import cloud.practice.volunteer.support.Platform;
import cloud.practice.volunteer.support.PlatformTestBase;
import cloud.practice.volunteer.support.Registrations;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;

import static cloud.practice.volunteer.support.Registrations.uniquePhone;
import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk onboarding over HTTP against real Kafka and MongoDB (ADR 0025): a roster checked as a whole, registered in the
 * background, followed to the end, found again when it comes again; a bad file refused whole with every bad row named
 * and nothing stored; a batch whose numbers someone took since the check registered not at all.
 */
class RosterImportIT extends PlatformTestBase {

    private static final String HEADER = "序号,姓名,性别,证件号码,手机号码,服务技能,所属站点,注册时间,服务时长,政治面貌\n";

    @Autowired
    private RosterImports imports;

    /** A roster line of a person born in 1990 (male: odd serials), with a phone no other test uses. */
    private record Person(String name, String idNumber, String phone) {
        String line(int n, String unit, String registered, String hours) {
            return n + "," + name + ",男," + idNumber + "," + phone + ",关爱帮扶:3," + unit + "," + registered + ","
                    + hours + ",群众\n";
        }
    }

    private static List<Person> people(int count) {
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int serial = 2 * ThreadLocalRandom.current().nextInt(500) + 1;
            LocalDate born = LocalDate.of(1960 + ThreadLocalRandom.current().nextInt(40), 1 + i % 12, 1 + i % 28);
            people.add(new Person("名册" + (char) ('甲' + i), Registrations.idNumber(born, serial), uniquePhone()));
        }
        return people;
    }

    private static String roster(List<Person> people) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < people.size(); i++) {
            csv.append(people.get(i).line(i + 1, i % 2 == 0 ? "s-pl" : "和平社区站", i == 0 ? "2019-03-01" : "",
                    i == 0 ? "12.3" : ""));
        }
        return csv.toString();
    }

    private ResponseEntity<String> send(Http caller, String district, String csv) {
        return caller.exchange(HttpMethod.POST, "/api/v1/volunteers/imports?district=" + district, csv,
                "text/csv; charset=UTF-8");
    }

    private JsonNode awaitImport(String district, String importId, String status) {
        return awaitJson("/api/v1/volunteers/imports/" + importId + "?district=" + district,
                node -> node.get("status").asText().equals(status));
    }

    private JsonNode byPhone(String district, String phone) {
        return http.read(http.get("/api/v1/volunteers?district=" + district + "&phone=" + phone));
    }

    @Test
    void shouldImportARosterFollowItToTheEndAndFindEveryoneAgainWhenItComesAgain() {
        String district = newDistrict("roster");
        treeOf(district);
        // A station known by its Chinese name, as rosters name home units.
        Platform.publish("OrgTree", district, 9, List.of(new OrgUnitEstablished("s-hp", district, "S-HP", "和平社区站",
                OrgTier.STATION, "i-jl", null, null, null, Set.of(ServicePlatform.CARE), List.of(),
                LocalDate.of(2026, 1, 3))));
        await().atMost(PATIENCE).until(() -> units.unit(district, "s-hp").isPresent());
        List<Person> people = people(12);
        String csv = roster(people);

        ResponseEntity<String> accepted = send(http, district, csv);
        assertThat(accepted.getStatusCode().value()).as(accepted.getBody()).isEqualTo(202);
        JsonNode started = http.read(accepted);
        String importId = started.get("importId").asText();
        assertThat(accepted.getHeaders().getLocation()).hasToString("/api/v1/volunteers/imports/" + importId
                + "?district=" + district);
        assertThat(started.get("rows").asInt()).isEqualTo(12);
        assertThat(started.get("toRegister").asInt()).isEqualTo(12);
        JsonNode done = awaitImport(district, importId, "DONE");
        assertThat(done.get("registered").asInt()).isEqualTo(12);
        assertThat(done.get("batchesDone").asInt()).isEqualTo(1);
        assertThat(done.get("honourGrants").asInt()).isEqualTo(1);
        assertThat(done.get("finishedAt").isNull()).isFalse();

        // The first row: registered as of the roster's date (midnight in Shanghai), sealed real name, homed by name.
        Person first = people.get(0);
        String id = await().atMost(PATIENCE).until(() -> byPhone(district, first.phone()).get("items"),
                items -> items.size() == 1).get(0).get("volunteerId").asText();
        JsonNode volunteer = awaitVolunteer(district, id, node -> true);
        assertThat(volunteer.get("registeredAt").asText()).isEqualTo("2019-02-28T16:00:00Z");
        assertThat(volunteer.get("personal").get("name").asText()).isEqualTo(first.name());
        assertThat(volunteer.get("maskedName").asText()).doesNotContain(first.name().substring(1));
        assertThat(volunteer.get("skills").toString()).contains("CARE");
        String second = await().atMost(PATIENCE).until(() -> byPhone(district, people.get(1).phone()).get("items"),
                items -> items.size() == 1).get(0).get("homeUnitId").asText();
        assertThat(second).as("the station named 和平社区站").isEqualTo("s-hp");
        // Its recorded 12.3 hours: 12 honour hours (whole half hours), with where they came from.
        JsonNode ledger = awaitJson("/api/v1/volunteers/" + id + "/hours?district=" + district,
                node -> node.get("honourHours").asDouble() > 0);
        assertThat(ledger.get("honourHours").asDouble()).isEqualTo(12.0);
        JsonNode grants = http.read(http.get("/api/v1/volunteers/" + id + "/honour-hours?district=" + district));
        assertThat(grants).hasSize(1);
        assertThat(grants.get(0).get("reference").asText()).contains(importId).contains("第 2 行").contains("12.3");

        // The same file again is the same import; nobody is registered twice.
        ResponseEntity<String> again = send(http, district, csv);
        assertThat(again.getStatusCode().value()).as(again.getBody()).isEqualTo(200);
        assertThat(http.read(again).get("importId").asText()).isEqualTo(importId);

        // A longer roster with the same people in it registers only the new ones and grants no hours twice.
        List<Person> more = new ArrayList<>(people);
        more.addAll(people(2));
        ResponseEntity<String> longer = send(http, district, roster(more).replace("2019-03-01,12.3", "2019-03-01,40"));
        assertThat(longer.getStatusCode().value()).as(longer.getBody()).isEqualTo(202);
        assertThat(http.read(longer).get("alreadyThere").asInt()).isEqualTo(12);
        assertThat(http.read(longer).get("toRegister").asInt()).isEqualTo(2);
        JsonNode second2 = awaitImport(district, http.read(longer).get("importId").asText(), "DONE");
        assertThat(second2.get("registered").asInt()).isEqualTo(2);
        JsonNode all = awaitJson("/api/v1/volunteers?district=" + district + "&size=100",
                node -> node.get("total").asInt() == 14);
        assertThat(all.get("items")).hasSize(14);
        assertThat(http.read(http.get("/api/v1/volunteers/" + id + "/hours?district=" + district))
                .get("honourHours").asDouble()).isEqualTo(12.0);
        JsonNode list = http.read(http.get("/api/v1/volunteers/imports?district=" + district));
        assertThat(list).hasSize(2);
        assertThat(list.get(0).get("importId").asText()).isEqualTo(http.read(longer).get("importId").asText());
    }

    @Test
    void shouldRefuseAFileWithBadRowsNamingEachOfThemAndStoreNothing() {
        String district = newDistrict("roster-bad");
        treeOf(district);
        String taken = uniquePhone();
        register(district, Registrations.adult("王已有", taken, "s-pl"));
        long identitiesBefore = mongo.getDb().getCollection("volunteer_identities").countDocuments(eq("districtId", district));
        List<Person> people = people(5);
        String csv = HEADER
                + people.get(0).line(1, "s-pl", "", "")
                + people.get(1).line(2, "s-pl", "", "").replace(people.get(1).phone(), "12345")
                + people.get(2).line(3, "s-pl", "", "").replace(people.get(2).phone(), taken)
                + people.get(3).line(4, "s-pl", "", "")
                + people.get(4).line(5, "不存在的站", "", "");

        ResponseEntity<String> refused = send(http, district, csv);
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
        JsonNode problem = http.read(refused);
        assertThat(problem.get("type").asText()).endsWith("/roster-invalid");
        assertThat(problem.get("rows").asInt()).isEqualTo(5);
        assertThat(problem.get("badRows").asInt()).isEqualTo(3);
        List<String> named = StreamSupport.stream(problem.get("problems").spliterator(), false)
                .map(p -> p.get("row").asInt() + ":" + p.get("field").asText()).toList();
        assertThat(named).containsExactly("3:phone", "4:phone", "6:homeUnit");
        assertThat(problem.get("problems").get(1).get("message").asText()).contains("already registered");

        // Nothing of it was stored: not the good rows, not a reservation, not the import.
        assertThat(byPhone(district, people.get(0).phone()).get("total").asInt()).isZero();
        assertThat(mongo.getDb().getCollection("volunteer_identities").countDocuments(eq("districtId", district)))
                .isEqualTo(identitiesBefore);
        assertThat(http.read(http.get("/api/v1/volunteers/imports?district=" + district))).isEmpty();

        // Mended (the bad rows taken out), it goes through.
        String mended = HEADER + people.get(0).line(1, "s-pl", "", "") + people.get(3).line(4, "s-pl", "", "");
        JsonNode accepted = http.read(send(http, district, mended));
        assertThat(awaitImport(district, accepted.get("importId").asText(), "DONE").get("registered").asInt())
                .isEqualTo(2);
    }

    @Test
    void shouldKeepAnAdminToTheirOwnSubtreeAndPeopleOut() {
        String district = newDistrict("roster-who");
        treeOf(district);
        Http stationAdmin = http.as("admin-pl", "STATION_ADMIN", district, "s-pl");
        List<Person> people = people(2);
        String csv = HEADER + people.get(0).line(1, "s-pl", "", "") + people.get(1).line(2, "s-yj", "", "");

        ResponseEntity<String> outside = send(stationAdmin, district, csv);
        assertThat(outside.getStatusCode().value()).as(outside.getBody()).isEqualTo(422);
        assertThat(http.read(outside).get("problems").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(http.read(outside).get("problems").get(0).get("field").asText()).isEqualTo("homeUnit");

        String own = HEADER + people.get(0).line(1, "s-pl", "", "");
        JsonNode accepted = http.read(send(stationAdmin, district, own));
        String importId = accepted.get("importId").asText();
        assertThat(accepted.get("startedBy").asText()).isEqualTo("admin-pl");
        assertThat(send(http.as("vol-x", "VOLUNTEER", district, "s-pl"), district, own).getStatusCode().value())
                .isEqualTo(403);
        assertThat(send(http.as("admin-other", "DISTRICT_ADMIN", "elsewhere", "center"), district, own)
                .getStatusCode().value()).isEqualTo(403);
        // Another station's admin does not see it; the district's admins do.
        assertThat(http.as("admin-yj", "STATION_ADMIN", district, "s-yj")
                .get("/api/v1/volunteers/imports/" + importId + "?district=" + district).getStatusCode().value())
                .isEqualTo(404);
        assertThat(http.read(http.as("admin-yj", "STATION_ADMIN", district, "s-yj")
                .get("/api/v1/volunteers/imports?district=" + district))).isEmpty();
        assertThat(http.read(http.as("admin-d", "DISTRICT_ADMIN", district, "center")
                .get("/api/v1/volunteers/imports?district=" + district))).hasSize(1);
        awaitImport(district, importId, "DONE");
    }

    @Test
    void shouldTakeRosterFilesOfSeveralMegabytesWhereTheRestOfTheApiKeepsOne() {
        String district = newDistrict("roster-size");
        treeOf(district);
        StringBuilder csv = new StringBuilder(HEADER);
        while (csv.length() < 1_500_000) {
            csv.append("0,名册,男,").append(Registrations.idNumber(LocalDate.of(1990, 1, 1), 1)).append(",12345,,s-pl,,,\n");
        }
        ResponseEntity<String> big = send(http, district, csv.toString());
        assertThat(big.getStatusCode().value()).as("read and checked: duplicate and bad rows, not too large")
                .isEqualTo(422);
        ResponseEntity<String> elsewhere = http.exchange(HttpMethod.POST, "/api/v1/volunteers?district=" + district,
                csv.toString(), "application/json");
        assertThat(elsewhere.getStatusCode().value()).isEqualTo(413);
    }

    @Test
    void shouldRegisterNoneOfABatchWhoseNumberSomeoneTookSinceTheCheck() {
        String district = newDistrict("roster-race");
        treeOf(district);
        List<Person> people = people(3);
        // The third person's phone is registered by someone else after the file was checked.
        register(district, Registrations.adult("王抢先", people.get(2).phone(), "s-pl"));
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            Person person = people.get(i);
            rows.add(new Row(i + 2, person.name(), person.phone(), person.idNumber(),
                    LocalDate.parse(person.idNumber().substring(6, 14), java.time.format.DateTimeFormatter.BASIC_ISO_DATE),
                    null, "s-pl", List.of(), false, null, BigDecimal.TEN));
        }
        String importId = "imp-" + HexFormat.of().formatHex(UUID.randomUUID().toString().getBytes()).substring(0, 24);
        imports.accept(district, importId, "tester", 3, 0, rows);

        JsonNode stopped = awaitImport(district, importId, "STOPPED");
        assertThat(stopped.get("problems")).hasSize(1);
        assertThat(stopped.get("problems").get(0).get("row").asInt()).isEqualTo(4);
        assertThat(stopped.get("problems").get(0).get("field").asText()).isEqualTo("phone");
        assertThat(stopped.get("registered").asInt()).isZero();
        // All or none: the batch's other rows were not registered and hold no reservation; the sealed rows are gone.
        assertThat(byPhone(district, people.get(0).phone()).get("total").asInt()).isZero();
        assertThat(mongo.getDb().getCollection("volunteer_identities").countDocuments(eq("districtId", district)))
                .isEqualTo(1);
        assertThat(mongo.getDb().getCollection("volunteer_import_batches").countDocuments(eq("importId", importId)))
                .isZero();
        assertThat(mongo.getDb().getCollection("volunteer_keys").find(eq("_id", importId)).first())
                .as("the import's key is shredded").isNull();
    }
}
