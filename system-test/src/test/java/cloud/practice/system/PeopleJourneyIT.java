package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From nothing to every role, with people's own tokens only — no machine client, no admin shortcut. Residents sign
 * up by a code sent to their phone and log in by password or by code; one orders a service; another applies to be a volunteer; a
 * third is made the station's manager by the tree (ManagerAssigned) and gets the station's admin role from it,
 * approves the application, reviews and dispatches the order; the volunteer logs in, finds their own registry id in
 * their token, accepts, checks in and out; hours are credited; the resident rates. Then the tree removes the manager
 * and their very next action is refused, with the token they still hold.
 *
 * <p>The only accounts that exist beforehand are the district's first admin (the issuer's first-start seed, the
 * way in of every deployment) — everyone else comes through the platform's own API.
 */
class PeopleJourneyIT {

    @Test
    void shouldTakePeopleFromNothingToEveryRoleAndTakeTheManagersRightsAway() throws Exception {
        RunningPlatform.get();
        Api districtAdmin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(districtAdmin);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        String station = "s-3-p" + n;
        Api.Answer established = districtAdmin.post("/api/v1/org-units" + D, """
                {"unitId":"%s","code":"JLP-3-P%d","name":"幸福社区新时代文明实践站","tier":"STATION","parentId":"i-3",
                 "communities":["幸福社区%d"],"location":{"latitude":29.51,"longitude":106.52}}"""
                .formatted(station, n, n));
        assertThat(established.status()).as(established.toString()).isIn(200, 201);
        String menuItem = "CARE-CHAT-" + n;
        // Its stages' clocks run 20 minutes: within notification-service's 30 minutes' lead, so the station is warned.
        assertThat(districtAdmin.put("/api/v1/menu/items/" + menuItem + D, """
                {"name":"陪伴聊天","platform":"CARE","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1,
                 "sla":{"REVIEW":"PT20M","DISPATCH":"PT20M","ACCEPT":"PT20M","COMPLETE":"PT20M"}}""")
                .status()).isIn(200, 201);

        // Three people sign up with their phones: the future volunteer, the future manager, the one who orders.
        // (A number gets one text per resend interval: the volunteer's login by code waits it out after their sign-up's.)
        String residentMobile = "1390000" + n;
        String volunteerMobile = "1370000" + n;
        String managerMobile = "1350000" + n;
        String volunteerPassword = "赵志愿的密码-" + n;
        String volunteerAccount = People.signUp(volunteerMobile, "{\"password\":\"" + volunteerPassword + "\"}");
        String managerAccount = People.signUp(managerMobile, "{\"password\":\"幸福社区站长-" + n + "\"}");
        String residentId = People.signUp(residentMobile, "{\"name\":\"王大妈\",\"password\":\"王大妈的密码-" + n + "\"}");
        Api resident = Api.person(residentMobile, "王大妈的密码-" + n);
        assertThat(resident.claims().get("sub").asText()).isEqualTo(residentId);
        assertThat(resident.claims().get("practice_role").asText()).isEqualTo("RESIDENT");

        // The resident orders; the order is theirs, keyed by their own account.
        String order = """
                {"menuItem":"%s","community":"幸福社区%d","channel":"APP","requesterId":"%s",
                 "contact":"%s","description":"独居老人想找人聊聊天"}""".formatted(menuItem, n, residentId, residentMobile);
        Api.Answer ordered = await().atMost(Duration.ofSeconds(60)).until(() -> resident.post("/api/v1/requests" + D,
                order), answer -> answer.status() == 201);
        String request = "/api/v1/requests/" + ordered.json().get("requestId").asText();
        assertThat(ordered.json().get("responsibleUnitId").asText()).isEqualTo(station);

        // The would-be volunteer applies from their own account; the application waits for the station.
        Api applicant = Api.person(volunteerMobile, volunteerPassword);
        Api.Answer applied = applicant.post("/api/v1/volunteers" + D, """
                {"personal":{"name":"赵志愿","phone":"%s","birthDate":"1992-05-06"},"homeUnitId":"%s",
                 "skills":[{"platform":"CARE","level":2}],"availability":[],"contactConsent":true}"""
                .formatted(volunteerMobile, station));
        assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
        String volunteerId = applied.json().get("volunteerId").asText();
        await("the applicant sees their application waiting").atMost(Duration.ofSeconds(30))
                .until(() -> applicant.get("/api/v1/volunteers/me" + D).json().path("state").asText(), "PENDING"::equals);

        // The district admin makes the third person the station's manager in the tree; their role follows from it.
        Api.Answer assigned = districtAdmin.post("/api/v1/org-units/" + station + "/managers" + D,
                "{\"userId\":\"" + managerAccount + "\",\"role\":\"STATION_ADMIN\"}");
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        Api manager = await().atMost(Duration.ofSeconds(30)).until(
                () -> Api.person(managerMobile, "幸福社区站长-" + n),
                api -> "STATION_ADMIN".equals(api.claims().path("practice_role").asText()));
        assertThat(manager.claims().get("practice_unit").asText()).isEqualTo(station);
        assertThat(manager.claims().get("practice_grant").asText()).isEqualTo("manager");
        // The order's review clock runs out in 20 minutes: the station's inbox warns of it, long before it escalates.
        JsonNode warned = await("the station is warned of the review's clock").atMost(Duration.ofSeconds(30))
                .until(() -> manager.get("/api/v1/notices" + D).json(), box -> kinds(box).contains("sla-warning"));
        assertThat(warned.path("items").get(0).path("body").asText()).contains("陪伴聊天").contains("审核");

        // The station approves the application; the volunteer's next login — by a code to their phone — carries their
        // registry id.
        Api.Answer approved = manager.post("/api/v1/volunteers/" + volunteerId + "/approval" + D,
                "{\"decision\":\"APPROVE\"}");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> applicant.get("/api/v1/people/me").json()
                .path("volunteerId").asText().equals(volunteerId));
        Api volunteer = Api.personByCode(volunteerMobile);
        assertThat(volunteer.claims().get("practice_volunteer").asText()).isEqualTo(volunteerId);
        assertThat(volunteer.claims().get("practice_role").asText()).isEqualTo("VOLUNTEER");
        assertThat(volunteer.claims().get("sub").asText()).isEqualTo(volunteerAccount);

        // The station reviews and dispatches the order to the new volunteer (request-service learns of them by Kafka).
        await().atMost(Duration.ofSeconds(30)).until(() -> manager.post(request + "/review" + D,
                "{\"accept\":true,\"reviewerId\":\"" + managerAccount + "\"}").status() == 200);
        String offer = "{\"volunteerIds\":[\"" + volunteerId + "\"]}";
        Api.Answer dispatched = await().atMost(Duration.ofSeconds(30)).until(() -> manager.post(request + "/dispatch" + D,
                offer), answer -> answer.status() != 422);
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
        assertThat(resident.post(request + "/dispatch" + D, offer).status()).as("residents do not dispatch")
                .isIn(403, 404);
        // The volunteer is told: in their inbox, and by a text to their own phone (through the issuer's outbox).
        JsonNode offered = await("the offer in the volunteer's inbox").atMost(Duration.ofSeconds(30))
                .until(() -> volunteer.get("/api/v1/notices" + D).json(), box -> kinds(box).contains("order-offered"));
        assertThat(offered.path("items").get(0).path("link").asText()).isEqualTo("/app/#/volunteer/offers");
        assertThat(TextMessages.noticeTo(volunteerMobile, "order-offered")).contains("陪伴聊天");

        // The volunteer acts as themselves: accept, check in two hours ago, check out now.
        String self = "{\"volunteerId\":\"" + volunteerId + "\"}";
        Instant started = Instant.now().minus(Duration.ofHours(2));
        for (String[] step : List.of(new String[]{"accept", self},
                new String[]{"check-in", "{\"volunteerId\":\"" + volunteerId + "\",\"at\":\"" + started + "\"}"},
                new String[]{"check-out", self})) {
            Api.Answer answer = volunteer.post(request + "/" + step[0] + D, step[1]);
            assertThat(answer.status()).as(step[0] + ": " + answer).isEqualTo(200);
        }
        JsonNode hours = await().atMost(Duration.ofSeconds(60)).until(
                () -> volunteer.get("/api/v1/volunteers/" + volunteerId + "/hours" + D).json(),
                ledger -> ledger.path("creditHours").asDouble() > 0);
        assertThat(hours.get("creditHours").asDouble()).as("two hours served, capped at the order's planned hour")
                .isEqualTo(1.0);

        await().atMost(Duration.ofSeconds(30)).until(() -> manager.post(request + "/complete" + D, self).status() == 200);
        Api.Answer rated = resident.post(request + "/rate" + D,
                "{\"requesterId\":\"" + residentId + "\",\"rating\":5,\"solved\":true,\"comment\":\"聊得很开心\"}");
        assertThat(rated.status()).as(rated.toString()).isEqualTo(200);
        // The resident's notices followed the order: accepted (and a text), in service, completed with its page.
        JsonNode told = await("the resident's notices").atMost(Duration.ofSeconds(30))
                .until(() -> resident.get("/api/v1/notices" + D).json(), box -> kinds(box).containsAll(
                        List.of("order-accepted", "order-in-service", "order-completed")));
        assertThat(told.path("items").findValuesAsText("link")).contains(
                "/app/#/orders/" + ordered.json().get("requestId").asText());
        assertThat(TextMessages.noticeTo(residentMobile, "order-accepted")).contains("陪伴聊天");
        String completed = "";
        for (JsonNode notice : told.path("items")) {
            completed = notice.path("kind").asText().equals("order-completed") ? notice.path("id").asText() : completed;
        }
        assertThat(resident.post("/api/v1/notices/" + completed + "/read" + D, "").status()).isEqualTo(200);
        // The text reached the phone: the issuer's receipt (locally its outbox file is the handset) comes back into
        // the notice's delivery log.
        String accepted = told.path("items").findParents("kind").stream()
                .filter(notice -> notice.path("kind").asText().equals("order-accepted"))
                .map(notice -> notice.path("id").asText()).findFirst().orElseThrow();
        JsonNode text = await("the text's receipt").atMost(Duration.ofSeconds(60))
                .until(() -> smsDelivery(resident.get("/api/v1/notices/" + accepted + D).json()),
                        sms -> sms.path("state").asText().equals("delivered"));
        assertThat(text.path("log").findValuesAsText("what")).containsSubsequence("queued", "sent", "delivered");
        assertThat(volunteer.get("/api/v1/notices/" + completed + D).status()).as("another's notice")
                .isEqualTo(404);

        // The tree removes the manager: the token they hold stops working within seconds, and a new login is a resident's.
        assertThat(manager.get(request + D).status()).isEqualTo(200);
        Api.Answer revoked = districtAdmin.send("DELETE", "/api/v1/org-units/" + station + "/managers/" + managerAccount + D,
                null, null);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        Api.Answer refused = await().atMost(Duration.ofSeconds(30)).until(() -> manager.get(request + D),
                answer -> answer.status() == 401);
        assertThat(refused.json().get("type").asText()).isEqualTo("https://practice.cloud/problems/unauthenticated");
        Api again = Api.person(managerMobile, "幸福社区站长-" + n);
        assertThat(again.claims().get("practice_role").asText()).isEqualTo("RESIDENT");
        assertThat(again.post(request + "/dispatch" + D, offer).status()).as("no longer the station's: no dispatch")
                .isIn(403, 404);
    }

    /** The notice's SMS delivery, or a missing node while it has none. */
    private static JsonNode smsDelivery(JsonNode detail) {
        for (JsonNode delivery : detail.path("deliveries")) {
            if (delivery.path("channel").asText().equals("sms")) {
                return delivery;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> kinds(JsonNode inbox) {
        return inbox.path("items").findValuesAsText("kind");
    }
}
