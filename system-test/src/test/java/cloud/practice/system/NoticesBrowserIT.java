package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbox in the people's app and in the staff console (issue 26, ADR 0023), as people use it: real chromium through
 * the gateway, each person with their own login — never a machine client. A volunteer on a phone-sized window has
 * their inbox open; the station's manager (their own token, through the API as PeopleJourneyIT does) reviews and
 * dispatches a resident's order to them; the offer appears in the open inbox and the bell's count goes up, both without
 * a reload (the inbox's live stream). Opening it marks it read — the API says so — and follows its link to the offers
 * page. The volunteer's notice settings are saved and read back. The station's manager, in the console, finds the
 * SLA warning of the order's 20-minute clock in the unit's inbox, labelled urgent, and opens the order from it. Every
 * page is checked with axe-core and for console errors; screenshots land in target/ends-notices.png and
 * target/ends-console-notices.png.
 */
class NoticesBrowserIT {

    private static final Duration PATIENCE = BrowserPage.PATIENCE;
    private static ChromeDriver volunteerPhone;
    private static ChromeDriver stationPc;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
        volunteerPhone = Chromium.phone();
        stationPc = Chromium.start(1366, 900, Map.of());
    }

    @AfterAll
    static void stop() {
        for (ChromeDriver browser : new ChromeDriver[]{volunteerPhone, stationPc}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void shouldBringAnOfferIntoTheVolunteersOpenInboxAndTheSlaWarningIntoTheStationsInbox() throws Exception {
        Api districtAdmin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(districtAdmin);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        People.Station ours = People.station(districtAdmin, "s-3-n" + n, "JLP-3-N" + n, "花园社区新时代文明实践站",
                "花园社区" + n, 29.50, 106.51, "1350004" + n, "花园社区站长的密码-" + n);
        Api manager = ours.manager();
        String item = "CHAT-" + n;
        String itemName = "陪伴聊天" + n;
        // Its stages' clocks run 20 minutes: within notification-service's 30 minutes' lead, so the station is warned.
        assertThat(districtAdmin.put("/api/v1/menu/items/" + item + D, """
                {"name":"%s","platform":"CARE","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1,
                 "sla":{"REVIEW":"PT20M","DISPATCH":"PT20M","ACCEPT":"PT20M","COMPLETE":"PT20M"}}""".formatted(itemName))
                .status()).isIn(200, 201);
        String volunteerMobile = "1370004" + n;
        String volunteerPassword = "志愿者的密码-" + n;
        People.signUp(volunteerMobile, "{\"password\":\"" + volunteerPassword + "\"}");
        String volunteerId = People.approvedVolunteer(volunteerMobile, volunteerPassword, ours.unitId(), manager);
        String residentMobile = "1390004" + n;
        String residentAccount = People.signUp(residentMobile, "{\"password\":\"居民的密码-" + n + "\"}");
        Api resident = Api.person(residentMobile, "居民的密码-" + n);

        // The volunteer logs in on their phone and opens their inbox; the bell counts what is unread so far.
        BrowserPage phone = new BrowserPage(volunteerPhone);
        phone.open("/app/");
        phone.click(By.xpath("//button[normalize-space(.)='登录']"));
        phone.logInWithPassword(volunteerMobile, volunteerPassword);
        phone.waitFor(By.cssSelector("[data-testid=menu-items]"));
        phone.click(By.cssSelector("header [data-testid=notice-bell]"));
        phone.waitFor(By.cssSelector("[data-testid=inbox-live][data-state=open]"));
        By bell = By.cssSelector("header [data-testid=notice-bell]");
        int before = Integer.parseInt(phone.waitFor(bell).getAttribute("data-unread"));
        phone.assertAccessible("phone inbox");
        // Set on this page: still there afterwards only if the page was never loaded again.
        phone.script("window.inboxNotReloaded = true");

        // A resident orders; the station (its manager's own token) reviews and dispatches it to the volunteer.
        Api.Answer ordered = await().atMost(PATIENCE).until(() -> resident.post("/api/v1/requests" + D, """
                {"menuItem":"%s","community":"%s","channel":"APP","requesterId":"%s","contact":"%s",
                 "description":"想找人聊聊天"}"""
                .formatted(item, ours.community(), residentAccount, residentMobile)), answer -> answer.status() == 201);
        String requestId = ordered.json().get("requestId").asText();
        String request = "/api/v1/requests/" + requestId;
        await().atMost(PATIENCE).until(() -> manager.post(request + "/review" + D,
                "{\"accept\":true,\"reviewerId\":\"" + ours.managerAccount() + "\"}").status() == 200);
        Api.Answer dispatched = await().atMost(PATIENCE).until(() -> manager.post(request + "/dispatch" + D,
                "{\"volunteerIds\":[\"" + volunteerId + "\"]}"), answer -> answer.status() != 422);
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);

        // The offer appears in the open inbox, on top and unread, and the bell counts it — without a reload.
        By offer = By.xpath("//li[@data-testid='notice'][@data-kind='order-offered'][contains(., '" + itemName + "')]");
        String noticeId = phone.waitFor(offer).getAttribute("data-notice-id");
        By shown = By.cssSelector("[data-testid=notice][data-notice-id='" + noticeId + "']");
        assertThat(phone.waitFor(shown).getAttribute("data-read")).isEqualTo("false");
        assertThat(phone.waitForText(By.cssSelector("[data-notice-id='" + noticeId + "'] [data-testid=notice-unread]"),
                text -> !text.isBlank())).isEqualTo("未读");
        assertThat(phone.browser.findElements(By.cssSelector("[data-testid=notice]")).get(0).getAttribute("data-notice-id"))
                .as("newest first").isEqualTo(noticeId);
        int after = Integer.parseInt(phone.waitForText(By.cssSelector("header [data-testid=notice-bell-count]"),
                text -> !text.isBlank() && Integer.parseInt(text) > before));
        assertThat(phone.waitFor(bell).getAttribute("aria-label")).isEqualTo("通知，" + after + " 条未读");
        // The bell counts what the platform counts (the network's matching may have offered the order as well as the
        // station: two causes, two notices).
        Api volunteer = Api.person(volunteerMobile, volunteerPassword);
        await("the bell's count is the inbox's").atMost(PATIENCE).until(() -> unread(volunteer)
                == Integer.parseInt(volunteerPhone.findElement(bell).getAttribute("data-unread")));
        assertThat(phone.script("return window.inboxNotReloaded === true")).as("the page was not reloaded").isEqualTo(true);
        phone.assertAccessible("phone inbox with a new offer");
        phone.screenshot("notices");

        // Opening it marks it read and follows its link to the offers page, where the offer waits.
        phone.click(By.cssSelector("[data-notice-id='" + noticeId + "'] [data-testid=notice-open]"));
        phone.waitFor(By.xpath("//h2[@id='offers-heading']"));
        assertThat(phone.browser.getCurrentUrl()).endsWith("/app/#/volunteer/offers");
        phone.waitFor(By.xpath("//li[contains(@class,'card')][.//*[contains(., '" + itemName + "')]]"));
        JsonNode read = volunteer.get("/api/v1/notices/" + noticeId + D).json();
        assertThat(read.path("notice").path("readAt").asText()).as("read when opened").isNotBlank();
        assertThat(volunteer.get("/api/v1/notices" + D + "&unread=true").json().path("items").findValuesAsText("id"))
                .as("no longer among the unread").doesNotContain(noticeId);
        await("the bell no longer counts it").atMost(PATIENCE).until(() -> unread(volunteer)
                == Integer.parseInt(volunteerPhone.findElement(bell).getAttribute("data-unread")));

        // The volunteer's notice settings: WeChat waits for a binding; a text for completed orders too, saved.
        phone.open("/app/#/notices/preferences");
        phone.waitFor(By.cssSelector("[data-testid=preferences-form]"));
        assertThat(phone.waitFor(By.cssSelector("[data-testid=wechat-state]")).getAttribute("data-bound")).isEqualTo("false");
        assertThat(volunteerPhone.findElement(By.cssSelector("[data-testid=wechat-order-offered]")).isEnabled()).isFalse();
        phone.assertAccessible("phone notice settings");
        WebElement completedBySms = volunteerPhone.findElement(By.cssSelector("[data-testid=sms-order-completed]"));
        boolean wasOn = completedBySms.isSelected();
        phone.click(By.cssSelector("[data-testid=sms-order-completed]"));
        phone.click(By.cssSelector("[data-testid=preferences-save]"));
        phone.waitFor(By.cssSelector("[data-testid=preferences-saved]"));
        List<String> sms = new ArrayList<>();
        volunteer.get("/api/v1/notices/preferences" + D).json().path("sms").forEach(kind -> sms.add(kind.asText()));
        boolean nowOn = sms.contains("order-completed");
        assertThat(nowOn).as("texts for completed orders, as switched").isEqualTo(!wasOn);
        phone.assertNoConsoleErrors(message -> false);

        // The station's manager, in the console: the unit's inbox has the warning of the order's 20-minute clock.
        BrowserPage station = new BrowserPage(stationPc);
        station.open("/app/console.html");
        station.logInWithPassword(ours.managerMobile(), ours.managerPassword());
        station.waitFor(By.cssSelector("[data-testid=live-state]"));
        station.click(By.cssSelector("[data-testid=console-header] [data-testid=notice-bell]"));
        By warning = By.xpath("//li[@data-testid='notice'][@data-kind='sla-warning'][contains(., '" + itemName + "')]");
        String warningId = station.waitFor(warning).getAttribute("data-notice-id");
        String warned = "[data-testid=notice][data-notice-id='" + warningId + "']";
        assertThat(station.waitFor(By.cssSelector(warned + " [data-testid=notice-urgent]")).getText()).isEqualTo("紧急");
        // Whichever of the order's clocks was current when the warning fell due (a newer clock replaces the warning).
        assertThat(station.waitFor(By.cssSelector(warned)).getText())
                .containsPattern("「" + itemName + "」订单的(审核|派单|接单)时限将于.+到期");
        assertThat(station.waitFor(By.cssSelector("[data-testid=console-header] [data-testid=notice-bell]"))
                .getAttribute("aria-label")).matches("通知，\\d+ 条未读");
        station.waitFor(By.cssSelector("[data-testid=inbox-live][data-state=open]"));
        station.assertAccessible("console inbox");
        station.screenshot("console-notices");
        // Its link opens the order in the console.
        station.click(By.cssSelector(warned + " [data-testid=notice-open]"));
        station.waitFor(By.cssSelector("[data-testid=order-status]"));
        assertThat(stationPc.getCurrentUrl()).endsWith("/app/console.html#/orders/" + requestId);
        station.assertNoConsoleErrors(message -> false);
    }

    /** How many of the person's notices are unread, as the platform counts them. */
    private static int unread(Api person) throws Exception {
        return person.get("/api/v1/notices/unread-count" + D).json().path("unread").asInt();
    }
}
