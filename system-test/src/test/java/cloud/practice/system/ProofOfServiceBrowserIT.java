package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static cloud.practice.system.Jiulongpo.D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Proof of service (issue 27) as people use it, through the gateway in phone-sized chromium, each with their own login:
 * a volunteer on the job adds photos from their phone — a JPEG carrying EXIF and a HEIC photo, which the page converts
 * to JPEG before it leaves the phone — and the station sees them cleaned; the volunteer gets a certificate of their
 * service on their phone, its PDF reads back as text with an embedded Chinese font; anyone opens its verification page
 * without an account and sees it valid, with the name masked; after the station revokes hours it counts, the same page
 * says it no longer holds. Screenshots land in target/ends-proof-*.png.
 */
class ProofOfServiceBrowserIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static ChromeDriver volunteerPhone;
    private static ChromeDriver anyonesPhone;
    private static ChromeDriver stationPc;

    @BeforeAll
    static void start() throws Exception {
        RunningPlatform.get();
        volunteerPhone = Chromium.phone();
        anyonesPhone = Chromium.phone();
        stationPc = Chromium.start(1366, 900, java.util.Map.of());
    }

    @AfterAll
    static void stop() {
        for (ChromeDriver browser : new ChromeDriver[]{volunteerPhone, anyonesPhone, stationPc}) {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    @Test
    void shouldKeepAVolunteersPhotosCleanAndProveTheirServiceWithACertificateAnyoneCanCheck() throws Exception {
        Api districtAdmin = Api.person("admin-district", "practice-demo");
        Jiulongpo.ensureTree(districtAdmin);
        int n = ThreadLocalRandom.current().nextInt(1000, 9999);
        People.Station ours = People.station(districtAdmin, "s-3-p" + n, "JLP-3-P" + n, "石桥社区新时代文明实践站",
                "石桥社区" + n, 29.50, 106.51, "1350002" + n, "石桥社区站长的密码-" + n);
        Api manager = ours.manager();
        String item = "CHAT-P" + n;
        assertThat(districtAdmin.put("/api/v1/menu/items/" + item + D, """
                {"name":"陪伴聊天%d","platform":"CARE","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1}"""
                .formatted(n)).status()).isIn(200, 201);

        String volunteerMobile = "1370002" + n;
        String volunteerPassword = "志愿者的密码-" + n;
        People.signUp(volunteerMobile, "{\"password\":\"" + volunteerPassword + "\"}");
        String volunteerId = People.approvedVolunteer(volunteerMobile, volunteerPassword, ours.unitId(), manager);
        Api volunteer = Api.person(volunteerMobile, volunteerPassword);
        String residentMobile = "1390002" + n;
        String residentId = People.signUp(residentMobile, "{\"name\":\"李奶奶\",\"password\":\"居民的密码-" + n + "\"}");
        Api resident = Api.person(residentMobile, "居民的密码-" + n);

        // An order, reviewed and dispatched by the station, accepted and begun by the volunteer (their own tokens).
        Api.Answer ordered = await().atMost(PATIENCE).until(() -> resident.post("/api/v1/requests" + D, """
                {"menuItem":"%s","community":"%s","channel":"APP","requesterId":"%s","contact":"%s",
                 "description":"想找人聊聊天"}""".formatted(item, ours.community(), residentId, residentMobile)),
                answer -> answer.status() == 201);
        String requestId = ordered.json().get("requestId").asText();
        String request = "/api/v1/requests/" + requestId;
        await().atMost(PATIENCE).until(() -> manager.post(request + "/review" + D,
                "{\"accept\":true,\"reviewerId\":\"" + ours.managerAccount() + "\"}").status() == 200);
        Api.Answer dispatched = await().atMost(PATIENCE).until(() -> manager.post(request + "/dispatch" + D,
                "{\"volunteerIds\":[\"" + volunteerId + "\"]}"), answer -> answer.status() != 422);
        assertThat(dispatched.status()).as(dispatched.toString()).isEqualTo(200);
        assertThat(volunteer.post(request + "/accept" + D, "{\"volunteerId\":\"" + volunteerId + "\"}").status())
                .isEqualTo(200);
        Instant began = Instant.now().minus(Duration.ofHours(2));
        Api.Answer checkedIn = volunteer.post(request + "/check-in" + D,
                "{\"volunteerId\":\"" + volunteerId + "\",\"at\":\"" + began + "\"}");
        assertThat(checkedIn.status()).as(checkedIn.toString()).isEqualTo(200);

        // On the job, the volunteer adds two photos on their phone: a JPEG with EXIF, and a HEIC photo.
        BrowserPage phone = new BrowserPage(volunteerPhone);
        phone.open("/app/");
        phone.click(By.xpath("//button[normalize-space(.)='登录']"));
        phone.logInWithPassword(volunteerMobile, volunteerPassword);
        phone.waitFor(By.cssSelector("[data-testid=menu-items]"));
        phone.open("/app/#/volunteer/assignments");
        phone.waitFor(By.xpath("//section[@aria-label='服务照片']"));
        Path jpeg = Files.write(Files.createTempFile("service-photo", ".jpg"), jpegWithExif());
        Path heic = Path.of(ProofOfServiceBrowserIT.class.getResource("/photos/service-photo.heic").toURI());
        // The picker's input is transparent under its label (a person taps the label): files are given to it directly.
        phone.browser.findElement(By.cssSelector("input[type=file]")).sendKeys(jpeg.toString());
        await().atMost(PATIENCE).until(() -> phone.browser.findElements(By.cssSelector(".evidence-grid img")).size() == 1);
        phone.browser.findElement(By.cssSelector("input[type=file]")).sendKeys(heic.toString());
        await().atMost(PATIENCE).until(() -> phone.browser.findElements(By.cssSelector(".evidence-grid img")).size() == 2);
        assertThat(phone.waitFor(By.cssSelector(".evidence-status")).getText()).isEqualTo("已上传 1 张照片。");
        phone.assertAccessible("volunteer assignment with photos");
        phone.screenshot("proof-photos");

        // The station reads them: both JPEG (the HEIC one converted on the phone, 320×240), no EXIF left in the file.
        JsonNode photos = manager.get(request + "/evidence" + D).json();
        assertThat(photos).hasSize(2);
        assertThat(photos.findValuesAsText("contentType")).containsOnly("image/jpeg");
        assertThat(photos.findValuesAsText("stage")).containsOnly("CHECK_OUT");
        JsonNode converted = photos.get(1);
        assertThat(converted.get("width").asInt()).isEqualTo(320);
        assertThat(converted.get("height").asInt()).isEqualTo(240);
        Api.Download stored = manager.download(request + "/evidence/" + photos.get(0).get("evidenceId").asText()
                + "/content" + D);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.contentType()).startsWith("image/jpeg");
        assertThat(new String(stored.body(), StandardCharsets.ISO_8859_1)).as("EXIF stripped").doesNotContain("Exif");
        assertThat(manager.get(request + D).json().get("history").findValuesAsText("event")).contains("evidence-attached");
        assertThat(resident.download(request + "/evidence/" + photos.get(0).get("evidenceId").asText() + "/content" + D)
                .status()).as("the resident reads their own order's photos").isEqualTo(200);

        // The station's manager sees them on the order in the staff console.
        BrowserPage station = new BrowserPage(stationPc);
        station.open("/app/console.html");
        station.logInWithPassword(ours.managerMobile(), ours.managerPassword());
        station.waitFor(By.cssSelector("[data-testid=live-state][data-state=open]"));
        station.open("/app/console.html#/orders/" + requestId);
        await().atMost(PATIENCE).until(() -> station.browser.findElements(
                By.cssSelector("[data-testid=order-photos] .evidence-grid img")).size() == 2);
        station.assertAccessible("console order with photos");
        station.screenshot("proof-console-order");

        // Hostile files through the gateway with the volunteer's own token: each refused in words, nothing stored.
        String upload = request + "/evidence" + D + "&stage=CHECK_OUT";
        byte[] overTen = new byte[10 * 1024 * 1024 + 1024];
        System.arraycopy(jpegWithExif(), 0, overTen, 0, 600);
        java.util.Map<String, byte[]> hostile = new java.util.LinkedHashMap<>();
        hostile.put("413 payload-too-large|photo.jpg", new byte[12 * 1024 * 1024]);
        hostile.put("413 file-too-large|photo.jpg", overTen);
        hostile.put("415 unsupported-type|photo.jpg", HostilePhotos.zip());
        hostile.put("422 suspicious-content|photo.png", HostilePhotos.pngWithText("<script>alert(document.cookie)</script>"));
        hostile.put("422 image-too-large|photo.png", HostilePhotos.pngDeclaring(100_000));
        hostile.put("415 heic-not-converted|IMG_0001.HEIC", Files.readAllBytes(heic));
        for (java.util.Map.Entry<String, byte[]> file : hostile.entrySet()) {
            String[] expected = file.getKey().split("[ |]");
            Api.Answer refused = volunteer.sendBytes("POST", upload, HostilePhotos.multipart("hostile-" + n, expected[2],
                    file.getValue()), "multipart/form-data; boundary=hostile-" + n);
            assertThat(refused.status()).as(file.getKey() + ": " + refused).isEqualTo(Integer.parseInt(expected[0]));
            assertThat(refused.body()).as(file.getKey()).contains("https://practice.cloud/problems/" + expected[1])
                    .doesNotContain("Exception");
        }
        assertThat(manager.get(request + "/evidence" + D).json()).as("nothing stored by the refusals").hasSize(2);

        // Check-out and completion on the phone credit the hour; the station adds two honour hours.
        phone.click(By.xpath("//button[normalize-space(.)='签退']"));
        phone.click(By.xpath("//button[normalize-space(.)='完成服务']"));
        await().atMost(PATIENCE).until(() -> volunteer.get("/api/v1/volunteers/" + volunteerId + "/hours" + D).json()
                .path("creditHours").asDouble() > 0);
        Api.Answer granted = manager.post("/api/v1/volunteers/" + volunteerId + "/honour-hours" + D,
                "{\"hours\":2,\"reason\":\"社区表彰\",\"reference\":\"石桥社区〔2026〕" + n + "号\"}");
        assertThat(granted.status()).as(granted.toString()).isIn(200, 201);
        await().atMost(PATIENCE).until(() -> volunteer.get("/api/v1/volunteers/" + volunteerId + "/hours" + D).json()
                .path("honourHours").asDouble() == 2.0);

        // The volunteer gets a certificate of all their service on their phone.
        phone.open("/app/#/volunteer/certificates");
        phone.waitFor(By.xpath("//h2[@id='mine-heading']"));
        phone.click(By.xpath("//button[normalize-space(.)='开具证明']"));
        String codeLine = phone.waitForText(By.cssSelector("article.certificate .code"), text -> text.startsWith("查验码："));
        String code = codeLine.substring("查验码：".length()).trim();
        assertThat(phone.waitFor(By.cssSelector("article.certificate")).getText()).contains("3 小时", "有效");
        phone.assertAccessible("volunteer certificates");
        phone.screenshot("proof-certificate");
        phone.assertNoConsoleErrors(message -> false);

        // Its PDF, with the volunteer's own token: the words as printed, in an embedded font.
        JsonNode mine = volunteer.get("/api/v1/volunteers/" + volunteerId + "/certificates" + D).json();
        String certificateId = mine.get(0).get("certificateId").asText();
        Api.Download pdf = volunteer.download("/api/v1/volunteers/" + volunteerId + "/certificates/" + certificateId
                + "/pdf" + D);
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.contentType()).startsWith("application/pdf");
        Files.write(Path.of("target", "ends-proof-certificate.pdf"), pdf.body());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            ImageIO.write(new org.apache.pdfbox.rendering.PDFRenderer(document).renderImageWithDPI(0, 96),
                    "png", Path.of("target", "ends-proof-certificate-pdf.png").toFile());
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("志愿服务证明", "赵志愿", "石桥社区新时代文明实践站", code.replace("-", ""));
            // The Chinese words are set in the embedded font (a subset); Latin letters and digits in a standard 14 font.
            org.apache.pdfbox.pdmodel.PDResources resources = document.getPage(0).getResources();
            java.util.List<org.apache.pdfbox.pdmodel.font.PDFont> fonts = new java.util.ArrayList<>();
            for (org.apache.pdfbox.cos.COSName name : resources.getFontNames()) {
                fonts.add(resources.getFont(name));
            }
            assertThat(fonts).anySatisfy(font -> {
                assertThat(font).isInstanceOf(org.apache.pdfbox.pdmodel.font.PDType0Font.class);
                assertThat(font.isEmbedded()).isTrue();
            });
        }

        // Anyone handed the certificate checks it on their phone, without an account.
        BrowserPage anyone = new BrowserPage(anyonesPhone);
        anyone.open("/app/#/verify/" + code);
        assertThat(anyone.waitForText(By.cssSelector("h2.verdict"), text -> !text.isBlank())).isEqualTo("证明有效");
        String shown = anyone.waitFor(By.cssSelector("main")).getText();
        assertThat(shown).contains("赵*愿", "3 小时", "石桥社区新时代文明实践站").doesNotContain("赵志愿", volunteerMobile);
        anyone.assertAccessible("certificate verification");
        anyone.screenshot("proof-verified");

        // On the volunteer's profile in the console the station sees the certificate, then revokes the honour hours it
        // counts; the certificate turns void there and on the public page, which says why.
        station.open("/app/console.html#/volunteers/" + volunteerId);
        station.waitFor(By.cssSelector("[data-testid=certificate][data-valid=true]"));
        station.click(By.cssSelector("[data-testid=honour] button[data-testid^='honour-revoke-']"));
        station.type(By.cssSelector("[data-testid=honour-revoke-reason]"), "表彰文件撤回");
        station.click(By.cssSelector("[data-testid=honour-revoke-ask]"));
        station.click(By.cssSelector("[data-testid=honour-revoke-yes]"));
        station.waitForText(By.cssSelector("[data-testid=honours-done]"), "已撤销这笔荣誉时长。"::equals);
        assertThat(station.waitFor(By.cssSelector("[data-testid=certificate][data-valid=false]")).getText())
                .contains("已失效", "证明所含的服务时长已被撤销");
        station.assertAccessible("console volunteer profile with a void certificate");
        station.screenshot("proof-console-certificate");
        station.assertNoConsoleErrors(message -> false);
        await().atMost(PATIENCE).untilAsserted(() -> {
            anyone.open("/app/#/welcome");
            anyone.open("/app/#/verify/" + code);
            assertThat(anyone.waitForText(By.cssSelector("h2.verdict"), text -> !text.isBlank())).isEqualTo("证明已失效");
        });
        assertThat(anyone.waitFor(By.cssSelector("main")).getText()).contains("证明所含的服务时长已被撤销");
        anyone.screenshot("proof-revoked");
        anyone.assertNoConsoleErrors(message -> false);
    }

    /** A small JPEG photo carrying an EXIF segment (a TIFF header with one empty directory) right after its start. */
    private static byte[] jpegWithExif() throws Exception {
        BufferedImage image = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(new Color(20, 110, 60));
        graphics.fillRect(0, 0, 640, 480);
        graphics.setColor(Color.WHITE);
        graphics.fillOval(200, 120, 240, 240);
        graphics.dispose();
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", plain);
        byte[] jpeg = plain.toByteArray();
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0};
        byte[] exif = ("Exif\0\0").getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + exif.length + tiff.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(new byte[]{(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.write(exif);
        out.write(tiff);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
