package cloud.practice.system;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The staff console (/app/console.html) as staff use it: a PC-sized chromium through the gateway, each person with
 * their own login. A station's manager approves a resident's application to volunteer, then keeps the work queue
 * open while a resident orders on their phone: the order
 * appears in the queue without a reload (the live stream); the manager reviews it and dispatches it to a candidate of
 * the matching preview, whose score is explained, and leaves a note for colleagues in its history; a volunteer accepts
 * on their own phone and the order appears in the
 * manager's "in service" queue, again without a reload. An order whose review clock runs out at another station
 * appears in the institute's escalated queue (after the station publishes an activity its volunteer signs up for, and
 * the volunteer checks in and out by photographing the activity's QR code, a photo of an expired code refused); the
 * station's manager cannot open that other station's order by its address. Every page is checked with axe-core and for console errors; screenshots land in target/ends-console-*.png.
 */
class ConsoleBrowserIT {

    private static ChromeDriver stationPc;
    private static ChromeDriver institutePc;
    private static ChromeDriver residentPhone;
    private static ChromeDriver volunteerPhone;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
        stationPc = Chromium.start(1366, 900, Map.of());
        institutePc = Chromium.start(1366, 900, Map.of());
        residentPhone = Chromium.phone();
        volunteerPhone = Chromium.phone();
    }

    @AfterAll
    static void stop() {
        for (ChromeDriver browser : new ChromeDriver[]{stationPc, institutePc, residentPhone, volunteerPhone}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** The QR code as a phone's camera would take it: a picture of what the screen shows. */
    private static Path photographed(WebElement code, String name) throws Exception {
        Path photo = Files.createTempFile("check-in-code-" + name + "-", ".png");
        Files.write(photo, code.getScreenshotAs(OutputType.BYTES));
        return photo;
    }

    /** The window a check-in code was issued in: PCI1.<activity>.<window>.<signature>. */
    private static long window(String code) {
        return Long.parseLong(code.split("\\.")[2]);
    }

    @Test
    void shouldLetAStationRunAnOrderFromItsLiveQueueAndTheInstituteSeeAnEscalation() throws Exception {
        Api districtAdmin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(districtAdmin);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        People.Station ours = People.station(districtAdmin, "s-3-c" + n, "JLP-3-C" + n, "华岩社区新时代文明实践站",
                "华岩社区" + n, 29.51, 106.52, "1350002" + n, "华岩社区站长的密码-" + n);
        People.Station theirs = People.station(districtAdmin, "s-3-e" + n, "JLP-3-E" + n, "石坪社区新时代文明实践站",
                "石坪社区" + n, 29.53, 106.50, "1350003" + n, "石坪社区站长的密码-" + n);
        String item = "MEAL-" + n;
        String itemName = "助餐送餐" + n;
        assertThat(districtAdmin.put("/api/v1/menu/items/" + item + D, """
                {"name":"%s","description":"志愿者为行动不便的老人送餐","platform":"CARE","minimumSkillLevel":1,
                 "expectedMinutes":30,"peopleNeeded":1,"fields":[]}""".formatted(itemName)).status()).isIn(200, 201);
        // Review within two seconds, or the order escalates to the institute.
        String urgent = "URGENT-" + n;
        assertThat(districtAdmin.put("/api/v1/menu/items/" + urgent + D, """
                {"name":"紧急助餐%d","description":"当天送餐","platform":"CARE","minimumSkillLevel":1,
                 "expectedMinutes":30,"peopleNeeded":1,"fields":[],"sla":{"REVIEW":"PT2S"}}""".formatted(n)).status())
                .isIn(200, 201);
        String volunteerMobile = "1370002" + n;
        String volunteerPassword = "志愿者的密码-" + n;
        People.signUp(volunteerMobile, "{\"password\":\"" + volunteerPassword + "\"}");
        String volunteerId = People.appliedVolunteer(volunteerMobile, volunteerPassword, ours.unitId());
        String residentMobile = "1390002" + n;
        String residentPassword = "居民的密码-" + n;
        String residentAccount = People.signUp(residentMobile, "{\"name\":\"李大爷\",\"password\":\"" + residentPassword + "\"}");

        // The station's manager logs in to the console and approves the volunteer's application.
        BrowserPage station = new BrowserPage(stationPc);
        station.open("/app/console.html");
        station.logInWithPassword(ours.managerMobile(), ours.managerPassword());
        station.waitFor(By.cssSelector("[data-testid=live-state][data-state=open]"));
        station.open("/app/console.html#/volunteers");
        station.waitFor(By.cssSelector("[data-testid=application][data-volunteer-id='" + volunteerId + "']"));
        station.assertAccessible("console volunteers");
        station.screenshot("console-volunteers");
        station.click(By.cssSelector("[data-testid=approve-" + volunteerId + "]"));
        station.waitFor(By.cssSelector("[data-testid=application-done-" + volunteerId + "]"));
        People.awaitVolunteerAccount(volunteerMobile, volunteerPassword, volunteerId);
        // The new volunteer's profile: the manager grants honour hours for earlier service, and the total follows.
        station.open("/app/console.html#/volunteers/" + volunteerId);
        station.type(By.cssSelector("[data-testid=honour-hours]"), "2.5");
        station.type(By.cssSelector("[data-testid=honour-reason]"), "入站前参加社区防汛值守");
        station.click(By.cssSelector("[data-testid=honour-grant-send]"));
        station.waitForText(By.cssSelector("[data-testid=honours-done]"), "已授予 2.5 小时荣誉时长。"::equals);
        station.waitForText(By.cssSelector("[data-testid=hours-total]"), "2.5 小时"::equals);
        assertThat(station.waitFor(By.cssSelector("[data-testid=honour]")).getText()).contains("入站前参加社区防汛值守");
        station.assertAccessible("console volunteer profile");

        // Back at the queue of orders to review, open and live.
        station.open("/app/console.html#/");
        station.waitFor(By.cssSelector("[data-testid=live-state][data-state=open]"));
        station.click(By.cssSelector("[data-testid=queue-stage] input[value=review]"));
        station.waitFor(By.cssSelector("[data-testid=queue-empty]"));
        station.assertAccessible("console queue");

        // A resident orders on their phone; the order appears in the manager's queue without a reload.
        BrowserPage phone = new BrowserPage(residentPhone);
        phone.open("/app/");
        phone.click(By.xpath("//button[normalize-space(.)='登录']"));
        phone.logInWithPassword(residentMobile, residentPassword);
        phone.waitFor(By.cssSelector("[data-testid=menu-items]"));
        phone.open("/app/#/order/" + item);
        // The resident shares the phone's position (set through DevTools, about 790 m from the station).
        residentPhone.executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        residentPhone.executeCdpCommand("Emulation.setGeolocationOverride",
                Map.of("latitude", 29.5155, "longitude", 106.5251, "accuracy", 30));
        phone.click(By.cssSelector("[data-testid=use-location]"));
        phone.waitFor(By.cssSelector("[data-testid=located]"));
        phone.click(By.xpath("//select[@id='field-community']/option[.='" + ours.community() + "']"));
        phone.type(By.id("field-address"), "华岩路 12 号 2 单元 301");
        phone.click(By.cssSelector("[data-testid=send-order]"));
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "待审核"::equals);
        String requestId = phone.browser.getCurrentUrl().replaceFirst(".*#/orders/", "");
        By row = By.cssSelector("[data-testid=queue-row][data-request-id='" + requestId + "']");
        station.waitFor(row);
        station.screenshot("console-queue");

        // Review, then dispatch to the volunteer the matching preview ranks, its score explained.
        station.click(By.cssSelector("[data-request-id='" + requestId + "'] [data-testid=queue-open]"));
        // Where: the phone's position and the station's on the map (no tile server here: a plain background).
        station.waitFor(By.cssSelector("[data-testid=order-map][data-state=shown]"));
        assertThat(station.waitForText(By.cssSelector("[data-testid=order-map-apart]"), text -> text.endsWith("米")))
                .startsWith("华岩社区新时代文明实践站距下单位置 ");
        assertThat(stationPc.findElements(By.cssSelector("[data-testid=order-map] .leaflet-interactive")))
                .as("the order, the station and the line between them").hasSize(3);
        assertThat(stationPc.findElement(By.cssSelector("[data-testid=order-location]")).getText())
                .isEqualTo("29.5155, 106.5251");
        station.click(By.cssSelector("[data-testid=review-accept]"));
        station.waitFor(By.cssSelector("[data-testid=order-status][data-status=REVIEWED], "
                + "[data-testid=order-status][data-status=DISPATCHED]"));
        station.waitFor(By.cssSelector("[data-testid=candidate][data-volunteer-id='" + volunteerId + "']"));
        assertThat(station.waitFor(By.cssSelector("[data-testid=candidate][data-volunteer-id='" + volunteerId
                + "'] [data-testid=score-explanation]")).getText())
                .as("each component of the score is shown").isNotBlank();
        station.assertAccessible("console order with the matching preview");
        station.screenshot("console-order");
        station.click(By.cssSelector("[data-testid=pick-" + volunteerId + "]"));
        station.click(By.cssSelector("[data-testid=dispatch-send]"));
        station.waitFor(By.cssSelector("[data-testid=order-status][data-status=DISPATCHED]"));
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "已派单"::equals);
        // A note for colleagues, in the order's history for staff (the resident never sees it).
        String note = "已电话联系李大爷，下午在家" + n;
        station.type(By.cssSelector("[data-testid=notes-text]"), note);
        station.click(By.cssSelector("[data-testid=notes-send]"));
        station.waitForText(By.cssSelector("[data-testid=order-history]"), text -> text.contains(note));
        assertThat(Api.person(residentMobile, residentPassword).get("/api/v1/requests/" + requestId + D).body())
                .as("a staff note is not the resident's to read").doesNotContain(note);

        // Back in the queue, "in service": the volunteer accepts on their phone and the order appears there live.
        station.click(By.cssSelector("[data-testid=order-back]"));
        station.click(By.cssSelector("[data-testid=queue-stage] input[value=service]"));
        station.click(By.cssSelector("[data-testid=queue-status] input[value=ACCEPTED]"));
        station.waitFor(By.cssSelector("[data-testid=live-state][data-state=open]"));
        BrowserPage volunteer = new BrowserPage(volunteerPhone);
        volunteer.open("/app/");
        volunteer.click(By.xpath("//button[normalize-space(.)='登录']"));
        volunteer.logInWithPassword(volunteerMobile, volunteerPassword);
        volunteer.waitFor(By.cssSelector("[data-testid=menu-items]"));
        volunteer.open("/app/#/volunteer/offers");
        volunteer.click(By.xpath("//li[contains(@class,'card')][.//*[contains(., '" + itemName + "')]]"
                + "//button[normalize-space(.)='接单']"));
        station.waitFor(By.cssSelector("[data-testid=queue-row][data-request-id='" + requestId + "'][data-status=ACCEPTED]"));
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "志愿者已接单"::equals);

        // The station publishes an activity in the console; the volunteer signs up on their phone; the station sees it.
        String title = "社区义诊" + n;
        LocalDate day = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(2);
        station.open("/app/console.html#/activities");
        station.click(By.xpath("//select[@data-testid='publish-platform']/option[@value='HEALTH_SPORTS']"));
        station.type(By.cssSelector("[data-testid=publish-title]"), title);
        station.type(By.cssSelector("[data-testid=publish-place]"), "华岩社区广场");
        // A date-time input's own keyboard differs by locale; the values are set as the picker would set them.
        station.script("for (const [id, value] of arguments[0]) { const f = document.querySelector("
                + "`[data-testid=${id}]`); f.value = value; f.dispatchEvent(new Event('input', {bubbles: true})) }",
                List.of(List.of("publish-starts", day + "T09:00"), List.of("publish-ends", day + "T11:00")));
        station.type(By.cssSelector("[data-testid=publish-volunteers]"), "2");
        station.click(By.cssSelector("[data-testid=publish-send]"));
        station.waitFor(By.cssSelector("[data-testid=publish-done]"));
        By activity = By.xpath("//tr[@data-testid='activity-row'][.//a[normalize-space(.)='" + title + "']]"
                + "//a[@data-testid='activity-open']");
        station.waitFor(activity);
        station.assertAccessible("console activities");
        volunteer.open("/app/#/volunteer/activities");
        String card = "//li[.//*[contains(., '" + title + "')]]";
        volunteer.click(By.xpath(card + "//button[normalize-space(.)='报名']"));
        volunteer.waitForText(By.xpath(card), text -> text.contains("您已报名"));
        station.click(activity);
        station.waitFor(By.cssSelector("[data-testid=sign-up][data-participant-id='" + volunteerId + "']"));
        station.assertAccessible("console activity with its sign-ups");

        // QR check-in: the station shows the activity's code; the volunteer photographs it with their phone.
        station.click(By.cssSelector("[data-testid=check-in-code-show]"));
        WebElement shownCode = station.waitFor(By.cssSelector("[data-testid=check-in-code-image]"));
        String firstCode = shownCode.getAttribute("data-code");
        Path firstPhoto = photographed(shownCode, "first");
        station.assertAccessible("console activity with its QR check-in code");
        station.screenshot("console-check-in-code");
        volunteer.open("/app/#/check-in");
        volunteer.waitFor(By.cssSelector("[data-testid=check-in-page]"));
        volunteer.browser.findElement(By.cssSelector("[data-testid=check-in-photo]")).sendKeys(firstPhoto.toString());
        assertThat(volunteer.waitFor(By.cssSelector("[data-testid=check-in-done][data-action=CHECKED_IN]")).getText())
                .contains("已签到", title);
        volunteer.assertAccessible("phone check-in by QR");
        // The code changes (every 6 s in this suite): once two newer ones were shown, the first photo is refused.
        String laterCode = await("a code two windows later").atMost(Duration.ofSeconds(60)).until(() -> stationPc
                .findElement(By.cssSelector("[data-testid=check-in-code-image]")).getAttribute("data-code"),
                code -> window(code) >= window(firstCode) + 2);
        volunteer.browser.findElement(By.cssSelector("[data-testid=check-in-photo]")).sendKeys(firstPhoto.toString());
        volunteer.waitForText(By.cssSelector("[data-testid=check-in-problem]"),
                "二维码已过期，请拍现场屏幕上正在显示的二维码。"::equals);
        Path laterPhoto = photographed(stationPc.findElement(By.cssSelector("[data-testid=check-in-code-image]")), "later");
        volunteer.browser.findElement(By.cssSelector("[data-testid=check-in-photo]")).sendKeys(laterPhoto.toString());
        volunteer.waitFor(By.cssSelector("[data-testid=check-in-done][data-action=CHECKED_OUT]"));
        assertThat(laterCode).isNotEqualTo(firstCode);
        // The station's list says how the volunteer checked in and when they left.
        station.browser.navigate().refresh();
        assertThat(station.waitFor(By.cssSelector("[data-participant-id='" + volunteerId
                + "'] [data-testid=sign-up-checked-in][data-method=QR_CODE]")).getText()).endsWith("· 扫码");
        station.waitFor(By.cssSelector("[data-participant-id='" + volunteerId
                + "'] [data-testid=sign-up-checked-out][data-checked-out=true]"));

        // At the other station an urgent order waits past its review clock: the institute sees it escalated, live.
        BrowserPage institute = new BrowserPage(institutePc);
        institute.open("/app/console.html");
        institute.logInWithPassword("admin-institute", "practice-demo");
        institute.waitFor(By.cssSelector("[data-testid=live-state][data-state=open]"));
        institute.click(By.cssSelector("[data-testid=queue-stage] input[value=escalated]"));
        institute.waitFor(By.cssSelector("[data-testid=live-state][data-state=open]"));
        Api resident = Api.person(residentMobile, residentPassword);
        Api.Answer ordered = resident.post("/api/v1/requests" + D, """
                {"menuItem":"%s","channel":"APP","requesterId":"%s","community":"%s","address":"石坪路 3 号"}"""
                .formatted(urgent, residentAccount, theirs.community()));
        assertThat(ordered.status()).as(ordered.toString()).isEqualTo(201);
        String escalatedId = ordered.json().path("requestId").asText();
        institute.type(By.cssSelector("[data-testid=queue-search]"), escalatedId);
        institute.waitFor(By.cssSelector("[data-testid=queue-row][data-request-id='" + escalatedId + "']"));
        institute.assertAccessible("console escalated queue");
        institute.screenshot("console-escalated");

        // The station's manager cannot open the other station's order by its address.
        station.open("/app/console.html#/orders/" + escalatedId);
        station.waitFor(By.cssSelector("[data-testid=order-problem]"));
        assertThat(stationPc.findElements(By.cssSelector("[data-testid=order-status]")))
                .as("nothing of another station's order is shown").isEmpty();
        assertThat(ours.manager().get("/api/v1/requests/" + escalatedId + D).status())
                .as("the API answers it as missing").isEqualTo(404);

        // Expected 404s: the other station's order, and the registry's answer for candidates of other units (the order
        // has a position, so matching reaches 10-20 km around it): the manager may not read them, and the page shows
        // their ids instead of names.
        station.assertNoConsoleErrors(message -> message.contains("404") && (message.contains(escalatedId)
                || message.contains("/api/v1/volunteers/vol-") && !message.contains(volunteerId)));
        institute.assertNoConsoleErrors(message -> false);
    }
}
