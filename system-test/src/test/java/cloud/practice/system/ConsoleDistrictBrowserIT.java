package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The staff console's district pages as the district's admin uses them (their own login, a PC-sized chromium through
 * the gateway): the tree with a station's details and coverage; the pairing programme — a partner registered, paired
 * with a station and an activity of the pairing recorded; the service menu — a new item with a typed question and a
 * review time limit typed in hours, which the API then serves exactly so; the unit's figures with the link into the
 * dashboard. Every page is checked with axe-core and for console errors.
 */
class ConsoleDistrictBrowserIT {

    private static ChromeDriver pc;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
        pc = Chromium.start(1366, 900, Map.of());
    }

    @AfterAll
    static void stop() {
        if (pc != null) {
            pc.quit();
        }
    }

    @Test
    void shouldLetTheDistrictAdminKeepTheTreePairingMenuAndFigures() throws Exception {
        Api districtAdmin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(districtAdmin);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        BrowserPage console = new BrowserPage(pc);
        console.open("/app/console.html");
        console.logInWithPassword("admin-district", "practice-demo");
        console.waitFor(By.cssSelector("[data-testid=nav-menu]"));
        // The login ends by returning to the page it began on (the queue); only once that page runs — its live stream
        // open — is the address ours to change: opening another page earlier can be overtaken by that return.
        console.waitFor(By.cssSelector("[data-testid=live-state][data-state=open]"));

        // The tree: the institute's station chosen in the tree shows its details and its coverage.
        console.open("/app/console.html#/units");
        console.click(By.xpath("//*[@data-testid='units-node'][@data-unit-id='i-3']//*[@data-testid='units-node-toggle']"));
        console.click(By.xpath("//*[@data-testid='units-node'][@data-unit-id='s-3-2']//*[@data-testid='units-node-name']"));
        console.waitForText(By.cssSelector("[data-testid=units-unit][data-unit-id=s-3-2] [data-testid=units-unit-name]"),
                "盘龙社区新时代文明实践站"::equals);
        console.waitFor(By.cssSelector("[data-testid=units-coverage]"));
        assertThat(pc.getCurrentUrl()).as("the address names the unit, to be shared").contains("unit=s-3-2");
        console.assertAccessible("console units");
        console.screenshot("console-units");

        // Pairing: a partner registered, paired with the station, an activity of the pairing recorded.
        String partnerId = "p-console-" + n;
        String partnerName = "区税务局第" + n + "党支部";
        console.open("/app/console.html#/pairings");
        console.type(By.cssSelector("[data-testid=partner-register-name]"), partnerName);
        console.click(By.xpath("//select[@data-testid='partner-register-type']/option[@value='PARTY_ORGANISATION']"));
        console.type(By.cssSelector("[data-testid=partner-register-id]"), partnerId);
        console.click(By.cssSelector("[data-testid=partner-register-send]"));
        console.waitFor(By.cssSelector("[data-testid=partner-register-done]"));
        console.click(By.cssSelector("[data-testid=partner-pair-" + partnerId + "]"));
        console.click(By.cssSelector("[data-testid=pairing-form-station-s-3-2]"));
        console.click(By.xpath("//select[@data-testid='pairing-form-model']/option[@value='ORGANISATION_PAIRING']"));
        console.click(By.cssSelector("[data-testid=pairing-form-send]"));
        console.click(By.cssSelector("[data-testid=pairing-form-open]"));
        console.waitFor(By.cssSelector("[data-testid=pairing-detail]"));
        String title = "党员进社区义务理发" + n;
        console.type(By.cssSelector("[data-testid=pairing-record-title]"), title);
        console.click(By.cssSelector("[data-testid=pairing-record-send]"));
        console.waitForText(By.cssSelector("[data-testid=pairing-log]"), text -> text.contains(title));
        console.assertAccessible("console pairing");
        console.screenshot("console-pairing");

        // The menu: a new item with a typed question and a review limit of 1 h 30 min.
        String code = "HAIRCUT-" + n;
        console.open("/app/console.html#/menu");
        console.click(By.cssSelector("[data-testid=menu-add]"));
        console.type(By.cssSelector("[data-testid=menu-editor-code]"), code);
        console.type(By.cssSelector("[data-testid=menu-editor-name]"), "上门理发" + n);
        console.click(By.xpath("//select[@data-testid='menu-editor-platform']/option[@value='CARE']"));
        console.type(By.cssSelector("[data-testid=menu-editor-description]"), "志愿者上门为行动不便的老人理发");
        console.click(By.cssSelector("[data-testid=menu-field-add]"));
        console.type(By.cssSelector("[data-testid=menu-field-label]"), "几位老人");
        console.type(By.cssSelector("[data-testid=menu-field-code]"), "people");
        console.click(By.xpath("//select[@data-testid='menu-field-datatype']/option[@value='NUMBER']"));
        console.type(By.cssSelector("[data-testid=menu-sla-REVIEW-hours]"), "1");
        console.type(By.cssSelector("[data-testid=menu-sla-REVIEW-minutes]"), "30");
        console.assertAccessible("console menu editor");
        console.click(By.cssSelector("[data-testid=menu-editor-save]"));
        console.waitFor(By.cssSelector("[data-testid=menu-done]"));
        console.waitFor(By.cssSelector("[data-testid=menu-item][data-code='" + code + "']"));
        console.screenshot("console-menu");
        Api.Answer item = districtAdmin.get("/api/v1/menu/items/" + code + D);
        assertThat(item.status()).as(item.toString()).isEqualTo(200);
        JsonNode served = item.json();
        assertThat(served.path("fields").path(0).path("label").asText()).isEqualTo("几位老人");
        assertThat(served.path("fields").path(0).path("datatype").asText()).isEqualTo("NUMBER");
        assertThat(served.path("sla").path("REVIEW").asText()).isEqualTo("PT1H30M");

        // The figures of the district's unit, and the way into the dashboard at the same unit and days.
        console.open("/app/console.html#/figures");
        console.waitFor(By.cssSelector("[data-testid=figures-row]"));
        assertThat(console.waitFor(By.cssSelector("[data-testid=figures-dashboard]")).getAttribute("href"))
                .contains("/dashboard/").contains("district=cq-jiulongpo").contains("from=");
        console.assertAccessible("console figures");
        console.screenshot("console-figures");

        // A roster from the earlier system: a copy with bad rows is refused whole, row by row; the mended file is
        // followed to its end on the page.
        int run = Rosters.newRun();
        Path bad = Files.writeString(Files.createTempFile("roster-bad-", ".csv"), Rosters.csv(12, run, 5));
        Path good = Files.writeString(Files.createTempFile("roster-", ".csv"), Rosters.csv(12, run, 0));
        console.open("/app/console.html#/volunteers");
        console.waitFor(By.cssSelector("[data-testid=roster-file]")).sendKeys(bad.toString());
        console.click(By.cssSelector("[data-testid=roster-send]"));
        assertThat(console.waitForText(By.cssSelector("[data-testid=roster-refused]"), text -> text.contains("不合格")))
                .contains("2 行不合格（共 12 行）");
        assertThat(pc.findElements(By.cssSelector("[data-testid=roster-refused] tbody tr"))).hasSize(2);
        assertThat(pc.findElement(By.cssSelector("[data-testid=roster-refused] tbody tr[data-row='6']")).getText())
                .contains("手机号码");
        console.assertAccessible("console roster refused");
        pc.findElement(By.cssSelector("[data-testid=roster-file]")).sendKeys(good.toString());
        console.click(By.cssSelector("[data-testid=roster-send]"));
        console.waitForText(By.cssSelector("[data-testid=roster-status]"), "已完成"::equals);
        assertThat(pc.findElement(By.cssSelector("[data-testid=roster-progress]")).getText()).contains("已登记 12 / 12 人");
        console.waitFor(By.cssSelector("[data-testid=roster-imports] tbody tr"));
        console.assertAccessible("console roster import");
        console.screenshot("console-roster-import");
        assertThat(districtAdmin.get("/api/v1/volunteers" + D + "&phone=" + Rosters.phone(run, 0)).json().get("total")
                .asInt()).isEqualTo(1);

        console.assertNoConsoleErrors(message -> message.contains("/api/v1/volunteers/imports") && message.contains("422"));
    }
}
