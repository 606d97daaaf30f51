package cloud.practice.system;

import java.time.Duration;
import java.time.Instant;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** People of the demo district made the way people are made: signed up with a code, volunteers applied and approved. */
final class People {

    private People() {
    }

    /** Signs a resident up with the code the issuer texts (read from its outbox); answers the account id. */
    static String signUp(String mobile, String details) throws Exception {
        Instant asked = Instant.now();
        Api.Answer sent = await().atMost(Duration.ofSeconds(60)).until(() -> Api.anonymous().post("/api/v1/people/codes",
                "{\"district\":\"" + Jiulongpo.DISTRICT + "\",\"mobile\":\"" + mobile + "\",\"purpose\":\"SIGN_UP\"}"),
                answer -> answer.status() != 422);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
        String code = TextMessages.codeFor(mobile, asked);
        String body = details.replaceFirst("^\\{", "{\"district\":\"" + Jiulongpo.DISTRICT + "\",\"mobile\":\"" + mobile
                + "\",\"code\":\"" + code + "\"" + (details.equals("{}") ? "" : ","));
        Api.Answer created = Api.anonymous().post("/api/v1/people/residents", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("accountId").asText();
    }

    /** A station of one test's own under 九龙镇 (i-3), and its manager: a person with their own account. */
    record Station(String unitId, String community, String managerAccount, Api manager, String managerMobile,
                   String managerPassword) {
    }

    /**
     * Establishes the station (covering one community, at a place) and makes a resident with this mobile and
     * password its STATION_ADMIN; answers once the manager's token carries the role.
     */
    static Station station(Api districtAdmin, String unitId, String code, String name, String community,
                           double latitude, double longitude, String managerMobile, String managerPassword)
            throws Exception {
        String body = """
                {"unitId":"%s","code":"%s","name":"%s","tier":"STATION","parentId":"i-3","communities":["%s"],
                 "location":{"latitude":%s,"longitude":%s}}""".formatted(unitId, code, name, community, latitude,
                longitude);
        // The admin's rights follow the tree as hierarchy-service's directory has it, moments after an import.
        Api.Answer established = await().atMost(Duration.ofSeconds(30)).until(() -> districtAdmin.post(
                "/api/v1/org-units" + D, body), answer -> answer.status() != 403);
        assertThat(established.status()).as(established.toString()).isIn(200, 201);
        String account = signUp(managerMobile, "{\"password\":\"" + managerPassword + "\"}");
        Api.Answer made = districtAdmin.post("/api/v1/org-units/" + unitId + "/managers" + D,
                "{\"userId\":\"" + account + "\",\"role\":\"STATION_ADMIN\"}");
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        Api manager = await().atMost(Duration.ofSeconds(30)).until(() -> Api.person(managerMobile, managerPassword),
                api -> "STATION_ADMIN".equals(api.claims().path("practice_role").asText()));
        return new Station(unitId, community, account, manager, managerMobile, managerPassword);
    }

    /** The resident applies as a volunteer of the station (CARE and SCIENCE skills) and its manager approves. */
    static String approvedVolunteer(String mobile, String password, String station, Api manager) throws Exception {
        String volunteerId = appliedVolunteer(mobile, password, station);
        Api.Answer approved = await().atMost(Duration.ofSeconds(30)).until(() -> manager.post("/api/v1/volunteers/"
                + volunteerId + "/approval" + D, "{\"decision\":\"APPROVE\"}"), answer -> answer.status() != 404);
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        awaitVolunteerAccount(mobile, password, volunteerId);
        return volunteerId;
    }

    /** The resident applies, with their own token, as a volunteer of the station; answers the application's id. */
    static String appliedVolunteer(String mobile, String password, String station) throws Exception {
        Api applicant = Api.person(mobile, password);
        Api.Answer applied = applicant.post("/api/v1/volunteers" + D, """
                {"personal":{"name":"赵志愿","phone":"%s","birthDate":"1992-05-06"},"homeUnitId":"%s",
                 "skills":[{"platform":"CARE","level":2},{"platform":"SCIENCE","level":3}],"availability":[],
                 "contactConsent":true}""".formatted(mobile, station));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        return applied.json().get("volunteerId").asText();
    }

    /** Once approved, the person's account carries the volunteer (their next login's token names it). */
    static void awaitVolunteerAccount(String mobile, String password, String volunteerId) throws Exception {
        Api applicant = Api.person(mobile, password);
        await().atMost(Duration.ofSeconds(30)).until(() -> applicant.get("/api/v1/people/me").json()
                .path("volunteerId").asText().equals(volunteerId));
    }
}
