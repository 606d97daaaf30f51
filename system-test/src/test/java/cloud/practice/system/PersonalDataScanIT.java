package cloud.practice.system;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Personal data stays where it belongs. A volunteer registers with a name, phone and ID number; a resident orders
 * with a phone number and a street address, through /api/v1 and through Open311 (with an e-mail and a name too,
 * which the integrator never reads back);
 * the request is served and reported. Then every process log of the platform, every record of every Kafka topic
 * (values and headers) and the report API's JSON and CSV answers are scanned: none holds an unmasked phone number,
 * ID number, address, e-mail or full name — neither the values used here nor anything shaped like a phone or ID
 * number on the topics and in the reports. (The registry's own MongoDB collections hold them, behind the
 * volunteer-service's access rules; that is where they belong.)
 */
class PersonalDataScanIT {

    static final String D = "?district=cq-privacy";
    static final String VOLUNTEER_NAME = "欧阳明辉";
    static final String VOLUNTEER_PHONE = "13911112222";
    static final String ID_NUMBER = "500107199005041231";
    static final String RESIDENT_PHONE = "13822223333";
    static final String ADDRESS = "隐私路88号5栋2单元";
    static final String OPEN311_PHONE = "13644445555";
    static final String OPEN311_EMAIL = "privacy-check@example.org";
    static final String OPEN311_NAME = "司马秘";

    static final List<String> SECRETS = List.of(VOLUNTEER_NAME, VOLUNTEER_PHONE, ID_NUMBER, RESIDENT_PHONE, ADDRESS,
            OPEN311_PHONE, OPEN311_EMAIL, OPEN311_NAME);
    /**
     * Shaped like a mainland mobile number or a resident ID number, standing on its own: not part of a longer run of
     * digits, of a hex id (trace and event ids are hex and may hold eleven digits in a row) or of a decimal fraction.
     * Next to Chinese text or punctuation, as a number written into a field would be, it still matches.
     */
    static final Pattern SHAPED_LIKE_PERSONAL_DATA = Pattern.compile(
            "(?<![0-9A-Za-z.])(1[3-9][0-9]{9}|[1-9][0-9]{16}[0-9Xx])(?![0-9A-Za-z])");

    @Test
    void shouldKeepPersonalDataOutOfLogsTopicsAndReports() throws Exception {
        RunningPlatform.get();
        Api ops = Api.client("local-ops", "local-ops-secret");
        OneStationDistrict.create(ops, "cq-privacy", "p", "隐私演练", "隐私社区", 29.51, 106.49);
        Api.Answer registered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/volunteers" + D, """
                {"personal":{"name":"%s","phone":"%s","idNumber":"%s","birthDate":"1990-05-04"},"homeUnitId":"s-p",
                 "homeLocation":{"latitude":29.511,"longitude":106.491},"skills":[{"platform":"CARE","level":3}],
                 "contactConsent":true}""".formatted(VOLUNTEER_NAME, VOLUNTEER_PHONE, ID_NUMBER)),
                answer -> answer.status() == 201);
        String volunteer = registered.json().get("volunteerId").asText();

        Api.Answer ordered = await().atMost(Duration.ofSeconds(60)).until(() -> ops.post("/api/v1/requests" + D, """
                {"menuItem":"VISIT","community":"隐私社区","channel":"PHONE","requesterId":"resident-private",
                 "contact":"%s","address":"%s"}""".formatted(RESIDENT_PHONE, ADDRESS)), answer -> answer.status() == 201);
        String request = "/api/v1/requests/" + ordered.json().get("requestId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get(request + D).status() == 200);
        for (String[] step : new String[][]{{"review", "{\"accept\":true,\"reviewerId\":\"admin-p\"}"},
                {"dispatch", "{\"volunteerIds\":[\"" + volunteer + "\"]}"}}) {
            // request-service may not have heard of the volunteer registered moments ago yet (422 until it has)
            Api.Answer answer = await().atMost(Duration.ofSeconds(30)).until(() -> ops.post(request + "/" + step[0] + D,
                    step[1]), sent -> sent.status() != 422);
            assertThat(answer.status()).as(step[0] + ": " + answer).isIn(200, 409); // matching may dispatch first
        }
        for (String step : List.of("accept", "check-in", "check-out", "complete")) {
            Api.Answer answer = ops.post(request + "/" + step + D, "{\"volunteerId\":\"" + volunteer + "\"}");
            assertThat(answer.status()).as(step + ": " + answer).isEqualTo(200);
        }

        // Open311 with everything the spec lets a client send about a person.
        Jiulongpo.ensureTree(ops);
        assertThat(ops.put("/api/v1/menu/items/PRIVACY-VISIT" + Jiulongpo.D, """
                {"name":"隐私探访","platform":"CARE","minimumSkillLevel":1,"expectedMinutes":60,"peopleNeeded":1}""")
                .status()).isIn(200, 201);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("api_key", "demo-hotline:demo-hotline-secret");
        form.put("service_code", "PRIVACY-VISIT");
        form.put("address_string", "盘龙社区" + ADDRESS);
        form.put("phone", OPEN311_PHONE);
        form.put("email", OPEN311_EMAIL);
        form.put("first_name", OPEN311_NAME.substring(2));
        form.put("last_name", OPEN311_NAME.substring(0, 2));
        Api.Answer posted = await().atMost(Duration.ofSeconds(30)).until(() -> Api.anonymous().send("POST",
                "/open311/v2/requests.json", Api.form(form), "application/x-www-form-urlencoded"),
                answer -> answer.status() == 200);
        String open311Id = posted.json().get(0).get("service_request_id").asText();

        // The reports have taken it all in.
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String range = D + "&granularity=year&from=" + LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1) + "&to=" + today;
        await().atMost(Duration.ofSeconds(60)).until(() -> ops.get("/api/v1/reports/figures" + range).json()
                .at("/items/0/requests/byStatus/COMPLETED").asInt() == 1);

        List<String> found = new ArrayList<>();
        // 1. Every process log.
        Path logs = Path.of("target", "platform-run", "logs");
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                scan("log " + file.getFileName(), Files.readString(file, StandardCharsets.UTF_8), false, found);
            }
        }
        // 2. Every record of every topic, values and headers.
        int records = 0;
        for (ConsumerRecord<byte[], byte[]> record : EventTopics.everyRecord(topic -> true)) {
            StringBuilder text = new StringBuilder(record.value() == null ? ""
                    : new String(record.value(), StandardCharsets.UTF_8));
            for (Header header : record.headers()) {
                text.append('\n').append(header.key()).append('=')
                        .append(new String(header.value() == null ? new byte[0] : header.value(), StandardCharsets.UTF_8));
            }
            scan("topic " + record.topic() + "@" + record.offset(), text.toString(), true, found);
            records++;
        }
        // 3. The report API, JSON and CSV, and what the integrator reads back.
        for (String report : List.of("/figures", "/unmet-demand", "/top/volunteers", "/top/units")) {
            scan("report " + report, ops.get("/api/v1/reports" + report + range).body(), true, found);
            scan("report " + report + " csv", ops.get("/api/v1/reports" + report + range + "&format=csv").body(), true, found);
        }
        scan("report /assessment", ops.get("/api/v1/reports/assessment" + range).body(), true, found);
        // The integrator's own answer may repeat the address it sent (GeoReport's address field), never the person.
        String open311 = Api.anonymous().get("/open311/v2/requests/" + open311Id
                + ".json?api_key=demo-hotline:demo-hotline-secret").body();
        assertThat(open311).contains(open311Id).doesNotContain(OPEN311_PHONE).doesNotContain(OPEN311_EMAIL)
                .doesNotContain(OPEN311_NAME.substring(2));

        System.out.printf("personal data scan: %d log files, %d Kafka records, 10 report answers; "
                + "findings %d%n", countLogs(logs), records, found.size());
        assertThat(records).as("records scanned").isGreaterThan(20);
        assertThat(found).as("personal data where it does not belong").isEmpty();
    }

    private static void scan(String where, String text, boolean byShape, List<String> found) {
        for (String secret : SECRETS) {
            if (text.contains(secret)) {
                found.add(where + ": contains " + secret);
            }
        }
        if (byShape) {
            Matcher matcher = SHAPED_LIKE_PERSONAL_DATA.matcher(text);
            while (matcher.find()) {
                found.add(where + ": something shaped like personal data: " + matcher.group());
            }
        }
    }

    private static long countLogs(Path logs) throws Exception {
        try (Stream<Path> files = Files.list(logs)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
