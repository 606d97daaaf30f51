package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bulk onboarding through the whole platform (ADR 0025): the district admin, logged in with their own password, sends
 * the earlier system's roster through the gateway — a copy with bad rows is refused whole, every bad row named and
 * nothing stored; the mended file is registered in the background and followed to the end; the volunteers are there,
 * homed by id or by their station's Chinese name; the same file again is the same import.
 */
class RosterImportIT {

    private static final String IMPORTS = "/api/v1/volunteers/imports";

    @Test
    void shouldOnboardARosterThroughTheGatewayWithTheDistrictAdminsOwnLogin() throws Exception {
        RunningPlatform.get();
        Api admin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(admin);
        int run = Rosters.newRun();

        // Until volunteer-service has the tree just imported, every row's home unit is unknown to it too.
        String bad = Rosters.csv(30, run, 10);
        Api.Answer refused = await().atMost(Duration.ofSeconds(60)).until(() -> admin.send("POST", IMPORTS + D, bad,
                "text/csv; charset=UTF-8"), answer -> answer.status() != 422 || !answer.body().contains("homeUnit"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().get("badRows").asInt()).as(refused.body()).isEqualTo(3);
        List<String> named = StreamSupport.stream(refused.json().get("problems").spliterator(), false)
                .map(p -> p.get("row").asInt() + ":" + p.get("field").asText()).toList();
        assertThat(named).as("CSV rows, the header being row 1").containsExactly("11:phone", "21:phone", "31:phone");
        assertThat(admin.get("/api/v1/volunteers" + D + "&phone=" + Rosters.phone(run, 0)).json().get("total").asInt())
                .as("nothing of a refused file is stored").isZero();

        String roster = Rosters.csv(30, run, 0);
        Api.Answer accepted = admin.send("POST", IMPORTS + D, roster, "text/csv; charset=UTF-8");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String importId = accepted.json().get("importId").asText();
        assertThat(accepted.json().get("toRegister").asInt() + accepted.json().get("alreadyThere").asInt()).isEqualTo(30);
        JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin.get(IMPORTS + "/" + importId + D).json(), node -> node.get("status").asText().equals("DONE"));
        assertThat(done.get("registered").asInt()).isEqualTo(accepted.json().get("toRegister").asInt());
        assertThat(done.get("startedBy").asText()).isEqualTo(admin.claims().get("sub").asText());

        JsonNode first = await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/volunteers" + D
                + "&phone=" + Rosters.phone(run, 0)).json().get("items"), items -> items.size() == 1).get(0);
        assertThat(first.get("homeUnitId").asText()).isEqualTo("s-3-2");
        assertThat(first.get("registeredAt").asText()).isEqualTo("2014-12-31T16:00:00Z");
        JsonNode second = await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/volunteers" + D
                + "&phone=" + Rosters.phone(run, 1)).json().get("items"), items -> items.size() == 1).get(0);
        assertThat(second.get("homeUnitId").asText()).as("九龙园社区新时代文明实践站").isEqualTo("s-3-1");

        Api.Answer again = admin.send("POST", IMPORTS + D, roster, "text/csv; charset=UTF-8");
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("importId").asText()).isEqualTo(importId);
    }
}
