package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The residents' and volunteers' end (/app/) as people use it: phone-sized chromium (375×667, the design size) through
 * the gateway, each person with their own login — never a machine client. A resident signs up with a code read from
 * their phone, logs in, finds a service whose order form has a field of every type, orders, and watches the order move
 * while the station (its manager's own token) reviews and dispatches and a volunteer accepts, checks in and out and
 * completes; the resident rates it low, "not solved", and reopens it. Every page is checked with axe-core (WCAG 2.1 AA)
 * and for console errors; the first page's JavaScript and paint are measured (docs/benchmarks.md). Screenshots land in
 * target/ends-*.png.
 */
class PeopleEndsBrowserIT {

    /** The budget for the JavaScript a phone downloads for the first page, compressed. */
    private static final long FIRST_PAGE_SCRIPT_BUDGET = 200 * 1024;
    private static ChromeDriver residentPhone;
    private static ChromeDriver volunteerPhone;
    private static ChromeDriver television;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
        residentPhone = Chromium.phone();
        volunteerPhone = Chromium.phone();
        television = Chromium.start(1280, 720, Map.of());
    }

    @AfterAll
    static void stop() {
        for (ChromeDriver browser : new ChromeDriver[]{residentPhone, volunteerPhone, television}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void shouldTakeAResidentFromSignUpThroughAnOrderTheyRateAndReopen() throws Exception {
        Api districtAdmin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(districtAdmin);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        People.Station ours = People.station(districtAdmin, "s-3-w" + n, "JLP-3-W" + n, "和平社区新时代文明实践站",
                "和平社区" + n, 29.52, 106.53, "1350001" + n, "和平社区站长的密码-" + n);
        String station = ours.unitId();
        String community = ours.community();
        String item = "FIX-" + n;
        String itemName = "小家电上门维修" + n;
        Api.Answer menu = districtAdmin.put("/api/v1/menu/items/" + item + D, """
                {"name":"%s","description":"志愿者上门检修小家电","platform":"SCIENCE","minimumSkillLevel":1,
                 "expectedMinutes":60,"peopleNeeded":1,"keywords":["维修"],"fields":[
                  {"code":"appliance","label":"电器","datatype":"SINGLEVALUELIST","required":true,"order":1,
                   "values":[{"key":"tv","name":"电视"},{"key":"fridge","name":"冰箱"}]},
                  {"code":"rooms","label":"所在房间","datatype":"MULTIVALUELIST","required":false,"order":2,
                   "values":[{"key":"kitchen","name":"厨房"},{"key":"bedroom","name":"卧室"}]},
                  {"code":"age","label":"使用年数","datatype":"NUMBER","required":true,"order":3},
                  {"code":"bought","label":"购买时间","datatype":"DATETIME","required":false,"order":4},
                  {"code":"brand","label":"品牌","datatype":"STRING","required":false,"order":5},
                  {"code":"symptom","label":"故障描述","datatype":"TEXT","required":true,"order":6}]}""".formatted(itemName));
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);

        // The station's manager and a volunteer of the station, each a person with their own account.
        Api manager = ours.manager();
        String managerAccount = ours.managerAccount();
        String volunteerMobile = "1370001" + n;
        String volunteerPassword = "志愿者的密码-" + n;
        People.signUp(volunteerMobile, "{\"password\":\"" + volunteerPassword + "\"}");
        String volunteerId = People.approvedVolunteer(volunteerMobile, volunteerPassword, station, manager);

        // The resident signs up on their phone with a code sent to it, then logs in at the issuer's page.
        BrowserPage phone = new BrowserPage(residentPhone);
        String mobile = "1390001" + n;
        String password = "居民的密码-" + n;
        phone.open("/app/#/sign-up?district=" + Jiulongpo.DISTRICT);
        phone.type(By.id("field-mobile"), mobile);
        phone.assertAccessible("sign-up");
        phone.screenshot("sign-up");
        Instant asked = Instant.now();
        phone.click(By.cssSelector("[data-testid=send-code]"));
        phone.waitFor(By.cssSelector(".sent"));
        phone.type(By.id("field-code"), TextMessages.codeFor(mobile, asked));
        phone.type(By.id("field-name"), "王大妈");
        phone.type(By.id("field-password"), password);
        phone.click(By.cssSelector("[data-testid=sign-up]"));
        phone.logInWithPassword(mobile, password);

        // The menu: search finds the service; its order form has a field of every type.
        phone.waitFor(By.cssSelector("[data-testid=menu-items]"));
        phone.assertAccessible("menu");
        phone.screenshot("menu");
        phone.type(By.cssSelector("input[type=search]"), "维修" + n);
        phone.click(By.cssSelector("[data-code='" + item + "']"));
        phone.waitFor(By.cssSelector("[data-testid=send-order]"));
        phone.click(By.cssSelector("[data-testid=send-order]"));
        assertThat(phone.waitFor(By.xpath("//*[@role='alert' and contains(., '电器')]")).getText())
                .as("a required list left empty is named beside it").contains("请填写");
        phone.assertAccessible("order form with problems");
        phone.click(By.xpath("//label[normalize-space(.)='冰箱']"));
        phone.click(By.xpath("//label[normalize-space(.)='厨房']"));
        phone.type(By.id("field-age"), "7");
        // A date-time input's own keyboard differs by locale; the value is set as the picker would set it.
        phone.script("const f = document.getElementById('field-bought'); f.value = '2019-05-01T10:00';"
                + "f.dispatchEvent(new Event('input', {bubbles: true}))");
        phone.type(By.id("field-brand"), "海尔");
        phone.type(By.id("field-symptom"), "冰箱不制冷，有异响");
        phone.click(By.xpath("//select[@id='field-community']/option[.='" + community + "']"));
        phone.type(By.id("field-address"), "和平路 8 号 3 单元 502");
        phone.type(By.id("field-contact"), mobile);
        phone.screenshot("order");
        phone.click(By.cssSelector("[data-testid=send-order]"));

        // The order's page: its state and timeline, refreshed while the network works on it.
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "待审核"::equals);
        String requestId = phone.browser.getCurrentUrl().replaceFirst(".*#/orders/", "");
        JsonNode ordered = manager.get("/api/v1/requests/" + requestId + D).json();
        assertThat(ordered.get("answers").get("appliance").asText()).isEqualTo("fridge");
        assertThat(ordered.get("answers").get("rooms").get(0).asText()).isEqualTo("kitchen");
        assertThat(ordered.get("answers").get("age").asInt()).isEqualTo(7);
        assertThat(ordered.get("answers").get("bought").asText()).isEqualTo("2019-05-01T02:00:00Z");
        assertThat(ordered.get("unitId").asText()).isEqualTo(station);
        assertThat(ordered.get("channel").asText()).isEqualTo("APP");

        String request = "/api/v1/requests/" + requestId;
        assertThat(manager.post(request + "/review" + D, "{\"accept\":true,\"reviewerId\":\"" + managerAccount + "\"}")
                .status()).isEqualTo(200);
        // Reviewed, the network's matching may offer it at once; the station offers it to its volunteer either way.
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), text -> text.equals("待派单") || text.equals("已派单"));
        Api.Answer dispatched = await().atMost(PATIENCE).until(() -> manager.post(request + "/dispatch" + D,
                "{\"volunteerIds\":[\"" + volunteerId + "\"]}"), answer -> answer.status() != 422);
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "已派单"::equals);
        await().atMost(PATIENCE).until(() -> manager.get(request + D).json().path("offeredTo").toString().contains(volunteerId));

        // The volunteer, on their own phone: logs in, accepts the offer, checks in and out, completes.
        BrowserPage volunteer = new BrowserPage(volunteerPhone);
        volunteer.open("/app/");
        volunteer.click(By.xpath("//button[normalize-space(.)='登录']"));
        volunteer.logInWithPassword(volunteerMobile, volunteerPassword);
        volunteer.waitFor(By.cssSelector("[data-testid=menu-items]"));
        volunteer.open("/app/#/volunteer/offers");
        volunteer.waitFor(By.xpath("//h2[@id='offers-heading']"));
        volunteer.assertAccessible("volunteer offers");
        volunteer.screenshot("volunteer-offers");
        volunteer.click(By.xpath("//li[contains(@class,'card')][.//*[contains(., '" + itemName + "')]]//button[normalize-space(.)='接单']"));
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "志愿者已接单"::equals);
        volunteer.open("/app/#/volunteer/assignments");
        volunteer.click(By.xpath("//button[normalize-space(.)='签到']"));
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "服务中"::equals);
        assertThat(volunteer.waitFor(By.xpath("//li[contains(@class,'card')][.//*[contains(., '和平路 8 号')]]")).isDisplayed())
                .as("the address is shown to the volunteer on the job").isTrue();
        volunteer.assertAccessible("volunteer assignment");
        volunteer.screenshot("volunteer-assignment");
        volunteer.type(By.xpath("//textarea"), "更换了温控器");
        volunteer.click(By.xpath("//button[normalize-space(.)='签退']"));
        volunteer.click(By.xpath("//button[normalize-space(.)='完成服务']"));
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "待评价"::equals);
        List<String> events = new ArrayList<>();
        phone.browser.findElements(By.cssSelector("[data-testid=timeline] li")).forEach(li -> events.add(li.getAttribute("data-event")));
        assertThat(events).containsSubsequence("submitted", "reviewed", "dispatched", "accepted", "checked-in",
                "checked-out", "completed");
        phone.assertAccessible("order to rate");
        phone.screenshot("order-timeline");

        // Two stars, not solved, a comment; then reopened with what is still wrong.
        phone.click(By.xpath("//fieldset[@data-testid='rating']//label[normalize-space(.)='2 星']"));
        phone.click(By.xpath("//label[normalize-space(.)='没有解决']"));
        phone.type(By.id("field-comment"), "修完第二天又坏了");
        phone.click(By.cssSelector("[data-testid=send-rating]"));
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), "已评价"::equals);
        phone.type(By.id("field-reopen"), "冰箱还是不制冷");
        phone.click(By.cssSelector("[data-testid=send-reopen]"));
        // Reopened, it is reviewed again and goes back to matching, which may offer it again at once.
        phone.waitForText(By.cssSelector("[data-testid=order-status]"), text -> text.equals("待派单") || text.equals("已派单"));
        JsonNode reopened = manager.get(request + D).json();
        assertThat(reopened.get("rating").asInt()).isEqualTo(2);
        assertThat(reopened.get("solved").asBoolean()).isFalse();
        assertThat(reopened.get("status").asText()).isIn("REVIEWED", "DISPATCHED");
        assertThat(reopened.get("history").findValuesAsText("event")).contains("rated", "reopened");

        // The station publishes an activity with one volunteer place; the volunteer takes it, and it is full.
        String title = "社区义诊" + n;
        Instant starts = Instant.now().plus(Duration.ofDays(2));
        Api.Answer published = manager.post("/api/v1/activities" + D, """
                {"unitId":"%s","platform":"HEALTH_SPORTS","title":"%s","place":"和平社区广场","startsAt":"%s",
                 "endsAt":"%s","signUpOpens":"%s","signUpCloses":"%s","volunteerCapacity":1,"residentCapacity":2}"""
                .formatted(station, title, starts, starts.plus(Duration.ofHours(2)), Instant.now().minus(Duration.ofHours(1)),
                        starts.minus(Duration.ofHours(1))));
        assertThat(published.status()).as(published.toString()).isIn(200, 201);
        volunteer.open("/app/#/volunteer/activities");
        String card = "//li[.//*[contains(., '" + title + "')]]";
        volunteer.click(By.xpath(card + "//button[normalize-space(.)='报名']"));
        assertThat(volunteer.waitForText(By.xpath(card), text -> text.contains("您已报名"))).contains("剩余 0 / 1");
        assertThat(volunteer.browser.findElements(By.xpath(card + "//button[normalize-space(.)='报名']")))
                .as("no sign-up button once the places are taken").isEmpty();
        volunteer.assertAccessible("volunteer activities");
        volunteer.screenshot("volunteer-activities");
        volunteer.assertNoConsoleErrors(message -> false);

        // My orders lists it in its new state.
        phone.open("/app/#/orders");
        assertThat(phone.waitForText(By.cssSelector("[data-request='" + requestId + "'] [data-status]"), text -> !text.isBlank()))
                .isIn("待派单", "已派单");
        phone.assertAccessible("my orders");
        // A just-sent order is not yet in the read model for a moment (404), which the page waits out.
        phone.assertNoConsoleErrors(message -> message.contains(request) && message.contains("404"));
        measureTheFirstPage(phone);
    }

    /**
     * The TV page with a remote's keys only (arrows and OK): a resident logs in with their number and a code texted
     * to their phone, entered on the on-screen pad, finds a service of a platform and orders a call-back (channel TV).
     */
    @Test
    void shouldLetAViewerOrderACallBackFromTheTvWithArrowsAndEnterOnly() throws Exception {
        Api districtAdmin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(districtAdmin);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        String item = "TV-" + n;
        Api.Answer menu = districtAdmin.put("/api/v1/menu/items/" + item + D, """
                {"name":"上门理发%d","description":"志愿者上门为老人理发","platform":"CIVILIZATION","minimumSkillLevel":1,
                 "expectedMinutes":45,"peopleNeeded":1,"fields":[{"code":"style","label":"发型","datatype":"SINGLEVALUELIST",
                 "required":true,"order":1,"values":[{"key":"short","name":"短发"},{"key":"trim","name":"修剪"}]}]}""".formatted(n));
        assertThat(menu.status()).as(menu.toString()).isIn(200, 201);
        String mobile = "1380001" + n;
        String account = People.signUp(mobile, "{}");

        BrowserPage tv = new BrowserPage(television);
        tv.open("/app/tv.html?station=s-3-2");
        tv.waitFor(By.cssSelector("main.tv[data-phase=login]"));
        tv.assertAccessible("tv login");
        Instant asked = Instant.now();
        enterOnThePad(tv, mobile);
        // A number gets one code per resend interval: right after the sign-up's, the viewer presses "done" again.
        await("a code sent to the phone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            if (television.findElements(By.cssSelector(".entry[data-step=code]")).isEmpty()) {
                moveTo(tv, "[data-key='done']");
                press(tv, Keys.ENTER);
            }
            return !television.findElements(By.cssSelector(".entry[data-step=code]")).isEmpty();
        });
        enterOnThePad(tv, TextMessages.codeFor(mobile, asked));
        tv.waitFor(By.cssSelector("main.tv[data-phase=home]"));
        tv.screenshot("tv-home");
        tv.assertAccessible("tv home");

        moveTo(tv, "[data-platform=CIVILIZATION]");
        moveTo(tv, "[data-code='" + item + "']");
        press(tv, Keys.ENTER);
        tv.waitFor(By.cssSelector("main.tv[data-phase=order]"));
        moveTo(tv, "[data-value=short]");
        press(tv, Keys.ENTER);
        moveTo(tv, "[data-action=submit]");
        tv.screenshot("tv-order");
        press(tv, Keys.ENTER);
        String number = tv.waitForText(By.id("tv-order-number"), text -> !text.isBlank());
        tv.assertAccessible("tv order sent");
        tv.screenshot("tv-order-sent");
        String requestId = number.replaceFirst(".*?(req-[0-9a-f-]+).*", "$1");
        JsonNode order = districtAdmin.get("/api/v1/requests/" + requestId + D).json();
        assertThat(order.get("channel").asText()).isEqualTo("TV");
        assertThat(order.get("requesterId").asText()).isEqualTo(account);
        assertThat(order.get("answers").has("style")).isTrue();
        assertThat(order.get("unitId").asText()).isEqualTo("s-3-2");
        // The viewer pressed "done" within the number's resend interval (right after the sign-up's code): the issuer's
        // 429 for those presses is the scenario's own; any other error is not.
        tv.assertNoConsoleErrors(message -> message.contains("/login/code/send") && message.contains("status of 429"));
    }

    /** Types digits on the TV's on-screen pad with arrows and OK, then its "done" key. */
    private static void enterOnThePad(BrowserPage tv, String digits) {
        for (char digit : digits.toCharArray()) {
            moveTo(tv, "[data-key='" + digit + "']");
            press(tv, Keys.ENTER);
        }
        moveTo(tv, "[data-key='done']");
        press(tv, Keys.ENTER);
    }

    /** Presses one key of the remote on whatever has the focus. */
    private static void press(BrowserPage tv, CharSequence key) {
        tv.browser.switchTo().activeElement().sendKeys(key);
    }

    /**
     * Moves the focus onto the element `selector` names with arrow keys only, as a viewer does looking at the screen:
     * right or left while it is in another column (another zone: the platforms, the items), then down or up.
     */
    private static void moveTo(BrowserPage tv, String selector) {
        tv.waitFor(By.cssSelector(selector));
        for (int presses = 0; presses <= 40; presses++) {
            String way = (String) tv.script("""
                    const target = document.querySelector(arguments[0]), active = document.activeElement;
                    if (!target) return 'missing';
                    if (target === active) return 'here';
                    const t = target.getBoundingClientRect(), a = active.getBoundingClientRect();
                    if (t.left >= a.right - 1) return 'right';
                    if (t.right <= a.left + 1) return 'left';
                    if (t.top >= a.bottom - 1) return 'down';
                    if (t.bottom <= a.top + 1) return 'up';
                    return t.left > a.left ? 'right' : 'left';""", selector);
            switch (way) {
                case "here" -> {
                    return;
                }
                case "missing" -> tv.waitFor(By.cssSelector(selector));
                case "down" -> press(tv, Keys.ARROW_DOWN);
                case "up" -> press(tv, Keys.ARROW_UP);
                case "right" -> press(tv, Keys.ARROW_RIGHT);
                default -> press(tv, Keys.ARROW_LEFT);
            }
        }
        throw new AssertionError("the remote could not reach " + selector + "; focused: "
                + tv.script("return document.activeElement.outerHTML.slice(0, 200)"));
    }

    /**
     * The first page on a phone: the JavaScript it downloads (compressed, from a cold cache) against the budget, and
     * its first contentful paint with the CPU slowed 4× (recorded in docs/benchmarks.md, not asserted: timing).
     */
    private static void measureTheFirstPage(BrowserPage phone) {
        phone.devTools("Network.clearBrowserCache", Map.of());
        phone.devTools("Emulation.setCPUThrottlingRate", Map.of("rate", 4));
        try {
            phone.open("/app/index.html#/");
            phone.waitFor(By.cssSelector("[data-testid=menu-items]"));
            long scripts = ((Number) phone.script("return performance.getEntriesByType('resource')"
                    + ".filter(r => r.name.endsWith('.js')).reduce((sum, r) => sum + r.encodedBodySize, 0)")).longValue();
            Number paint = (Number) phone.script("const p = performance.getEntriesByName('first-contentful-paint')[0];"
                    + " return p ? p.startTime : -1");
            System.out.printf("people's ends, first page on a phone: %d bytes of JavaScript (compressed), first "
                    + "contentful paint %.0f ms with the CPU slowed 4x%n", scripts, paint.doubleValue());
            assertThat(scripts).as("compressed JavaScript of the first page").isPositive()
                    .isLessThanOrEqualTo(FIRST_PAGE_SCRIPT_BUDGET);
            assertThat(paint.doubleValue()).as("a first contentful paint was recorded").isPositive();
        } finally {
            phone.devTools("Emulation.setCPUThrottlingRate", Map.of("rate", 1));
        }
    }

    private static final Duration PATIENCE = BrowserPage.PATIENCE;
}
