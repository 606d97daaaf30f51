package cloud.practice.request;

import cloud.practice.events.volunteer.VolunteerErased;
import cloud.practice.request.evidence.TestPhotos;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.testing.TestIdentity;
import cloud.practice.testing.WithPlatformInfrastructure;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.SoftAssertions.assertSoftly;
import static org.awaitility.Awaitility.await;

/**
 * Photos as evidence (issue 27) over HTTP against the real broker and store, with people's own tokens: a JPEG with
 * EXIF GPS and orientation is stored upright without any EXIF, its position kept (as record fields) only where the
 * district keeps photo locations; a PNG's script-carrying text is gone; oversized, wrong-type, bomb, HEIC and
 * strangers' uploads are refused with nothing stored (GridFS files and records counted); the tenth photo of a stage
 * is refused; a volunteer's erasure deletes their photos; Open311's media_url points at the first photo; activities.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvidenceIT {

    static final Duration WITHIN = Duration.ofSeconds(30);
    static final double LAT = 29.5069;
    static final double LON = 106.5107;
    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    /** Keeps the default photo rule: locations dropped. */
    static final String PLAIN = "evp-" + SUFFIX;
    /** Keeps photo locations. */
    static final String KEEPING = "evk-" + SUFFIX;

    @DynamicPropertySource
    static void open311(DynamicPropertyRegistry registry) {
        registry.add("practice.open311.jurisdictions", () -> PLAIN + "," + KEEPING);
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    OrgUnitDirectory units;
    @Autowired
    ObjectMapper json;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    cloud.practice.request.directory.VolunteerDirectory volunteers;
    @Autowired
    cloud.practice.request.evidence.EvidenceStore store;
    @LocalServerPort
    int port;

    final TestIdentity identity = TestIdentity.get();

    @BeforeAll
    void districtsWithAMenuAndVolunteers() {
        for (String district : List.of(PLAIN, KEEPING)) {
            HierarchyFixture.publishTreeAndAwait(district, units);
            DirectoryFixture.volunteers(volunteers, district, volunteerOf(district), eraseeOf(district));
            assertThat(send(admin(district), HttpMethod.PUT, "/api/v1/menu/items/HELP?district=" + district,
                    "{\"name\":\"助老\",\"platform\":\"CARE\",\"minimumSkillLevel\":1,\"expectedMinutes\":60,"
                            + "\"peopleNeeded\":1}").getStatusCode().value()).isIn(200, 201);
            await().atMost(WITHIN).until(() -> send(resident(district), HttpMethod.GET,
                    "/api/v1/menu/items/HELP?district=" + district, null).getStatusCode().value() == 200);
        }
        String rule = "/api/v1/menu/defaults/photo-rule?district=" + KEEPING;
        assertThat(send(resident(KEEPING), HttpMethod.GET, rule, null).getBody()).isEqualTo("{\"keepLocation\":false}");
        assertThat(send(token("admin-pl", Role.STATION_ADMIN, KEEPING, "s-pl"), HttpMethod.PUT, rule,
                "{\"keepLocation\":true}").getStatusCode().value()).as("station admins do not set it").isEqualTo(403);
        ok(send(admin(KEEPING), HttpMethod.PUT, rule, "{\"keepLocation\":true}"));
        await().atMost(WITHIN).until(() -> send(resident(KEEPING), HttpMethod.GET, rule, null).getBody()
                .equals("{\"keepLocation\":true}"));
    }

    @Test
    void shouldStoreAJpegUprightWithoutExifAndKeepItsLocationOnlyWhereTheDistrictKeepsIt() throws Exception {
        for (String district : List.of(PLAIN, KEEPING)) {
            String requestId = checkedIn(district, volunteerOf(district));
            byte[] photo = TestPhotos.jpegWithExif(400, 200, 6, 29.5071, 106.5112);

            ResponseEntity<String> uploaded = upload(volunteer(district), district, requestId, "CHECK_OUT", photo,
                    "photo.jpg", "门口照片");
            assertThat(uploaded.getStatusCode().value()).as(uploaded.getBody()).isEqualTo(201);
            JsonNode evidence = json.readTree(uploaded.getBody());
            String evidenceId = evidence.get("evidenceId").asText();
            String base = "/api/v1/requests/" + requestId + "/evidence/" + evidenceId + "/content?district=" + district;
            assertSoftly(softly -> {
                softly.assertThat(evidence.get("stage").asText()).isEqualTo("CHECK_OUT");
                softly.assertThat(evidence.get("caption").asText()).isEqualTo("门口照片");
                softly.assertThat(evidence.get("contentType").asText()).isEqualTo("image/jpeg");
                softly.assertThat(evidence.get("width").asInt()).isEqualTo(200);
                softly.assertThat(evidence.get("height").asInt()).isEqualTo(400);
                softly.assertThat(evidence.get("uploadedBy").asText()).isEqualTo(volunteerOf(district));
                softly.assertThat(evidence.get("url").asText()).isEqualTo(base + "&size=full");
                softly.assertThat(evidence.get("thumbnailUrl").asText()).isEqualTo(base + "&size=thumbnail");
                softly.assertThat(uploaded.getHeaders().getLocation()).hasToString(base + "&size=full");
            });
            if (district.equals(KEEPING)) {
                assertThat(evidence.get("location").get("lat").asDouble()).isCloseTo(29.5071, within(1e-4));
                assertThat(evidence.get("location").get("lon").asDouble()).isCloseTo(106.5112, within(1e-4));
            } else {
                assertThat(evidence.get("location").isNull()).as(uploaded.getBody()).isTrue();
            }

            // the requester reads it as the request's reader; the list shows it once the event is handled
            JsonNode list = await().atMost(WITHIN).until(() -> json.readTree(send(resident(district), HttpMethod.GET,
                    "/api/v1/requests/" + requestId + "/evidence?district=" + district, null).getBody()),
                    node -> node.size() == 1);
            assertThat(list.get(0)).isEqualTo(evidence);

            ResponseEntity<byte[]> full = bytes(resident(district), base + "&size=full");
            assertThat(full.getStatusCode().value()).isEqualTo(200);
            assertThat(full.getHeaders().getContentType()).isEqualTo(MediaType.IMAGE_JPEG);
            assertThat(full.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(full.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).isEqualTo("inline");
            assertThat(full.getHeaders().getCacheControl()).contains("max-age=3600").contains("private");
            Metadata stored = ImageMetadataReader.readMetadata(new ByteArrayInputStream(full.getBody()));
            assertThat(stored.getFirstDirectoryOfType(GpsDirectory.class)).as("GPS in the stored file").isNull();
            assertThat(stored.getFirstDirectoryOfType(ExifIFD0Directory.class)).as("EXIF in the stored file").isNull();
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(full.getBody()));
            assertThat(image.getWidth()).isEqualTo(200);
            assertThat(image.getHeight()).isEqualTo(400);
            assertThat(TestPhotos.reddish(image, 100, 50)).as("turned upright: the left half on top").isTrue();

            BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(bytes(resident(district),
                    base + "&size=thumbnail").getBody()));
            assertThat(Math.max(thumbnail.getWidth(), thumbnail.getHeight())).isLessThanOrEqualTo(320);

            List<Document> files = files(district);
            assertThat(files).hasSize(2);
            assertThat(files).extracting(file -> file.get("metadata", Document.class).getString("kind"))
                    .containsExactlyInAnyOrder("full", "thumbnail");
            assertThat(files).allSatisfy(file -> {
                Document metadata = file.get("metadata", Document.class);
                assertThat(metadata.getString("districtId")).isEqualTo(district);
                assertThat(metadata.getString("requestId")).isEqualTo(requestId);
                assertThat(metadata.getString("evidenceId")).isEqualTo(evidenceId);
            });

            JsonNode history = await().atMost(WITHIN).until(() -> json.readTree(send(resident(district),
                    HttpMethod.GET, "/api/v1/requests/" + requestId + "?district=" + district, null).getBody()),
                    node -> events(node).contains("evidence-attached"));
            JsonNode entry = entry(history, "evidence-attached");
            assertThat(entry.get("by").asText()).isEqualTo(volunteerOf(district));
            assertThat(entry.get("detail").asText()).isEqualTo("1 photo (check-out)");
            clear(district);
        }
    }

    @Test
    void shouldDropAPngsHarmlessTextWhenStaffUploadIt() throws Exception {
        String requestId = checkedIn(PLAIN, volunteerOf(PLAIN));
        ResponseEntity<String> uploaded = upload(station(PLAIN), PLAIN, requestId, "CHECK_OUT",
                TestPhotos.pngWithText(64, 48, "Made on a phone"), "photo.png", null);
        assertThat(uploaded.getStatusCode().value()).as(uploaded.getBody()).isEqualTo(201);
        JsonNode evidence = json.readTree(uploaded.getBody());
        assertThat(evidence.get("contentType").asText()).isEqualTo("image/png");
        assertThat(evidence.get("uploadedBy").asText()).isEqualTo("admin-pl");
        byte[] stored = bytes(station(PLAIN), evidence.get("url").asText()).getBody();
        assertThat(stored).startsWith(0x89, 'P', 'N', 'G');
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Made on a phone").doesNotContain("tEXt");
        clear(PLAIN);
    }

    @Test
    void shouldRefuseBadFilesAndStrangersWithNothingStored() throws Exception {
        String requestId = checkedIn(PLAIN, volunteerOf(PLAIN));
        long files = files(PLAIN).size();
        long records = records(PLAIN);
        byte[] oversized = new byte[(int) (10L * 1024 * 1024) + 1];
        System.arraycopy(TestPhotos.jpeg(40, 30), 0, oversized, 0, 600);
        byte[] ok = TestPhotos.jpeg(40, 30);
        record Refusal(String why, String token, String stage, byte[] bytes, String name, String caption, int status,
                       String type) {
        }
        List<Refusal> refusals = List.of(
                new Refusal("over 10 MB", volunteer(PLAIN), "CHECK_OUT", oversized, "photo.jpg", null, 413, "file-too-large"),
                new Refusal("a zip named photo.jpg", volunteer(PLAIN), "CHECK_OUT", TestPhotos.zip(), "photo.jpg", null,
                        415, "unsupported-type"),
                new Refusal("a 100000 × 100000 PNG", volunteer(PLAIN), "CHECK_OUT",
                        TestPhotos.pngDeclaring(100_000, 100_000), "photo.png", null, 422, "image-too-large"),
                new Refusal("HEIC", volunteer(PLAIN), "CHECK_OUT", TestPhotos.heic(), "IMG_0001.HEIC", null, 415,
                        "heic-not-converted"),
                new Refusal("a PNG with a script in its metadata", volunteer(PLAIN), "CHECK_OUT",
                        TestPhotos.pngWithText(64, 48, "<script>alert(1)</script>"), "photo.png", null, 422,
                        "suspicious-content"),
                new Refusal("a caption of 201 characters", volunteer(PLAIN), "CHECK_OUT", ok, "photo.jpg", "字".repeat(201),
                        400, "invalid-field"),
                new Refusal("completion photos while still in service", volunteer(PLAIN), "COMPLETION", ok, "photo.jpg",
                        null, 409, "evidence-not-open"),
                new Refusal("the requester", resident(PLAIN), "CHECK_OUT", ok, "photo.jpg", null, 403, "forbidden"),
                new Refusal("another resident", token("resident-bob", Role.RESIDENT, PLAIN, null), "CHECK_OUT", ok,
                        "photo.jpg", null, 404, "not-found"),
                new Refusal("another volunteer of the district", volunteer(PLAIN, eraseeOf(PLAIN)), "CHECK_OUT", ok,
                        "photo.jpg", null, 404, "not-found"),
                new Refusal("another district's admin", admin(KEEPING), "CHECK_OUT", ok, "photo.jpg", null, 404,
                        "not-found"));
        assertSoftly(softly -> refusals.forEach(refusal -> {
            ResponseEntity<String> answer = upload(refusal.token(), PLAIN, requestId, refusal.stage(), refusal.bytes(),
                    refusal.name(), refusal.caption());
            softly.assertThat(answer.getStatusCode().value()).as("%s: %s", refusal.why(), answer.getBody())
                    .isEqualTo(refusal.status());
            softly.assertThat(answer.getBody()).as(refusal.why())
                    .contains("https://practice.cloud/problems/" + refusal.type());
        }));
        ResponseEntity<String> heic = upload(volunteer(PLAIN), PLAIN, requestId, "CHECK_OUT", TestPhotos.heic(),
                "IMG_0001.HEIC", null);
        assertThat(heic.getBody()).contains("converts HEIC to JPEG");
        assertThat(files(PLAIN)).as("GridFS files after the refusals").hasSize((int) files);
        assertThat(records(PLAIN)).as("evidence records after the refusals").isEqualTo(records);
        assertThat(send(station(PLAIN), HttpMethod.GET, "/api/v1/requests/" + requestId + "/evidence?district="
                + PLAIN, null).getBody()).isEqualTo("[]");
    }

    /** A body that is no readable upload is a malformed body (400), never an unexpected failure, and stores nothing. */
    @Test
    void shouldAnswerABodyThatIsNoReadableUploadAsMalformed() throws Exception {
        String requestId = checkedIn(PLAIN, volunteerOf(PLAIN));
        long files = files(PLAIN).size();
        String path = "/api/v1/requests/" + requestId + "/evidence?district=" + PLAIN + "&stage=CHECK_OUT";
        String cut = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.jpg\"\r\n\r\nabc";
        for (Map.Entry<String, String> body : Map.of("multipart/form-data", "{}",
                "multipart/form-data; boundary=b", cut).entrySet()) {
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(volunteer(PLAIN));
            headers.set(HttpHeaders.CONTENT_TYPE, body.getKey());
            ResponseEntity<String> answer = http.exchange(path, HttpMethod.POST, new HttpEntity<>(body.getValue(), headers),
                    String.class);
            assertThat(answer.getStatusCode().value()).as(body.getKey() + ": " + answer.getBody()).isEqualTo(400);
            assertThat(answer.getBody()).contains("https://practice.cloud/problems/malformed-body");
        }
        assertThat(files(PLAIN)).hasSize((int) files);
    }

    @Test
    void shouldRefuseTheTenthPhotoOfAStage() throws Exception {
        String requestId = checkedIn(KEEPING, volunteerOf(KEEPING));
        for (int i = 0; i < 9; i++) {
            ResponseEntity<String> answer = upload(volunteer(KEEPING), KEEPING, requestId, "CHECK_OUT",
                    TestPhotos.png(20 + i, 20), "p" + i + ".png", null);
            assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(201);
        }
        ResponseEntity<String> tenth = upload(volunteer(KEEPING), KEEPING, requestId, "CHECK_OUT",
                TestPhotos.png(40, 20), "p9.png", null);
        assertThat(tenth.getStatusCode().value()).as(tenth.getBody()).isEqualTo(409);
        assertThat(tenth.getBody()).contains("https://practice.cloud/problems/too-many-photos");
        assertThat(records(KEEPING)).isEqualTo(9);
        assertThat(files(KEEPING)).hasSize(18);
        await().atMost(WITHIN).until(() -> json.readTree(send(volunteer(KEEPING), HttpMethod.GET,
                "/api/v1/requests/" + requestId + "/evidence?district=" + KEEPING, null).getBody()).size() == 9);
        clear(KEEPING);
    }

    @Test
    void shouldSupportIdempotencyKeys() throws Exception {
        String requestId = checkedIn(KEEPING, volunteerOf(KEEPING));
        byte[] photo = TestPhotos.jpeg(60, 40);
        ResponseEntity<String> first = upload(volunteer(KEEPING), KEEPING, requestId, "CHECK_OUT", photo, "a.jpg",
                null, "upload-1");
        ResponseEntity<String> again = upload(volunteer(KEEPING), KEEPING, requestId, "CHECK_OUT", photo, "a.jpg",
                null, "upload-1");
        assertThat(first.getStatusCode().value()).as(first.getBody()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(json.readTree(again.getBody())).isEqualTo(json.readTree(first.getBody()));
        assertThat(records(KEEPING)).isEqualTo(1);
        ResponseEntity<String> other = upload(volunteer(KEEPING), KEEPING, requestId, "CHECK_OUT",
                TestPhotos.jpeg(61, 40), "a.jpg", null, "upload-1");
        assertThat(other.getStatusCode().value()).as("the same key with another photo").isEqualTo(422);
        assertThat(records(KEEPING)).isEqualTo(1);
        clear(KEEPING);
    }

    @Test
    void shouldDeleteAnErasedVolunteersPhotosAndSaySoInTheHistory() throws Exception {
        String requestId = checkedIn(PLAIN, eraseeOf(PLAIN));
        ResponseEntity<String> uploaded = upload(volunteer(PLAIN, eraseeOf(PLAIN)), PLAIN, requestId, "CHECK_OUT",
                TestPhotos.jpeg(80, 60), "photo.jpg", null);
        assertThat(uploaded.getStatusCode().value()).as(uploaded.getBody()).isEqualTo(201);
        String url = json.readTree(uploaded.getBody()).get("url").asText();
        String list = "/api/v1/requests/" + requestId + "/evidence?district=" + PLAIN;
        await().atMost(WITHIN).until(() -> json.readTree(send(station(PLAIN), HttpMethod.GET, list, null).getBody())
                .size() == 1);
        assertThat(files(PLAIN)).hasSize(2);

        DirectoryFixture.volunteerHistory(volunteers, PLAIN, eraseeOf(PLAIN), "ERASED",
                new VolunteerErased(eraseeOf(PLAIN), PLAIN, Instant.parse("2026-12-01T00:00:00Z")));

        JsonNode history = await().atMost(WITHIN).until(() -> json.readTree(send(station(PLAIN), HttpMethod.GET,
                "/api/v1/requests/" + requestId + "?district=" + PLAIN, null).getBody()),
                node -> events(node).contains("evidence-erased"));
        assertThat(entry(history, "evidence-erased").get("detail").asText())
                .isEqualTo("1 photo (check-out) deleted with the volunteer's personal data");
        assertThat(entry(history, "evidence-erased").get("by").isNull()).isTrue();
        await().atMost(WITHIN).until(() -> files(PLAIN).isEmpty() && records(PLAIN) == 0);
        assertThat(send(station(PLAIN), HttpMethod.GET, list, null).getBody()).isEqualTo("[]");
        assertThat(bytes(station(PLAIN), url).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void shouldAnswerOpen311sMediaUrlWithTheFirstPhoto() throws Exception {
        String withPhoto = checkedIn(KEEPING, volunteerOf(KEEPING));
        String without = checkedIn(KEEPING, volunteerOf(KEEPING));
        ResponseEntity<String> uploaded = upload(volunteer(KEEPING), KEEPING, withPhoto, "CHECK_OUT",
                TestPhotos.jpeg(80, 60), "photo.jpg", null);
        assertThat(uploaded.getStatusCode().value()).as(uploaded.getBody()).isEqualTo(201);
        String url = json.readTree(uploaded.getBody()).get("url").asText();
        String system = identity.token("hotline", Role.SYSTEM.name(), KEEPING, null, Scopes.forRole(Role.SYSTEM));
        JsonNode answer = await().atMost(WITHIN).until(() -> json.readTree(send(system, HttpMethod.GET,
                "/open311/v2/requests/" + withPhoto + ".json?jurisdiction_id=" + KEEPING, null).getBody()),
                node -> node.get(0).hasNonNull("media_url"));
        assertThat(answer.get(0).get("media_url").asText()).isEqualTo("http://localhost:" + port + url);
        JsonNode list = json.readTree(send(system, HttpMethod.GET, "/open311/v2/requests.json?jurisdiction_id="
                + KEEPING + "&service_request_id=" + withPhoto + "," + without, null).getBody());
        Map<String, String> media = new LinkedHashMap<>();
        list.forEach(node -> media.put(node.get("service_request_id").asText(),
                node.hasNonNull("media_url") ? node.get("media_url").asText() : ""));
        assertThat(media).containsEntry(withPhoto, "http://localhost:" + port + url).containsEntry(without, "");
        clear(KEEPING);
    }

    @Test
    void shouldAttachPhotosOfAnActivityByItsManagersAndShowThemToTheDistrict() throws Exception {
        Instant now = Instant.now();
        ResponseEntity<String> published = send(admin(PLAIN), HttpMethod.POST, "/api/v1/activities?district=" + PLAIN,
                "{\"unitId\":\"s-pl\",\"platform\":\"CARE\",\"title\":\"义诊\",\"startsAt\":\"" + now.minusSeconds(3600)
                        + "\",\"endsAt\":\"" + now.plusSeconds(3600) + "\",\"volunteerCapacity\":5,"
                        + "\"residentCapacity\":5,\"signUpOpens\":\"" + now.minusSeconds(7200) + "\",\"signUpCloses\":\""
                        + now.minusSeconds(3600) + "\"}");
        assertThat(published.getStatusCode().value()).as(published.getBody()).isEqualTo(201);
        String activityId = json.readTree(published.getBody()).get("activityId").asText();
        String path = "/api/v1/activities/" + activityId + "/evidence?district=" + PLAIN;
        await().atMost(WITHIN).until(() -> send(resident(PLAIN), HttpMethod.GET,
                "/api/v1/activities/" + activityId + "?district=" + PLAIN, null).getStatusCode().value() == 200);

        ResponseEntity<String> resident = multipart(resident(PLAIN), path, TestPhotos.jpeg(80, 60), "a.jpg", null, null);
        assertThat(resident.getStatusCode().value()).as(resident.getBody()).isEqualTo(403);
        ResponseEntity<String> elsewhere = multipart(admin(KEEPING), "/api/v1/activities/" + activityId
                + "/evidence?district=" + KEEPING, TestPhotos.jpeg(80, 60), "a.jpg", null, null);
        assertThat(elsewhere.getStatusCode().value()).as(elsewhere.getBody()).isEqualTo(404);
        assertThat(records(PLAIN)).isZero();

        ResponseEntity<String> uploaded = multipart(station(PLAIN), path, TestPhotos.jpeg(80, 60), "a.jpg", "合影", null);
        assertThat(uploaded.getStatusCode().value()).as(uploaded.getBody()).isEqualTo(201);
        JsonNode evidence = json.readTree(uploaded.getBody());
        assertThat(evidence.get("stage").asText()).isEqualTo("CLOSE");
        JsonNode list = await().atMost(WITHIN).until(() -> json.readTree(send(resident(PLAIN), HttpMethod.GET, path,
                null).getBody()), node -> node.size() == 1);
        assertThat(list.get(0)).isEqualTo(evidence);
        assertThat(bytes(resident(PLAIN), evidence.get("thumbnailUrl").asText()).getStatusCode().value()).isEqualTo(200);
        assertThat(bytes(admin(KEEPING), evidence.get("url").asText().replace(PLAIN, KEEPING)).getStatusCode().value())
                .isEqualTo(404);
        clear(PLAIN);
    }

    @Test
    void shouldSweepPhotosNeverAttachedAndFilesWithoutARecordButNothingAttached() throws Exception {
        String requestId = checkedIn(PLAIN, volunteerOf(PLAIN));
        ResponseEntity<String> uploaded = upload(volunteer(PLAIN), PLAIN, requestId, "CHECK_OUT",
                TestPhotos.jpeg(80, 60), "photo.jpg", null);
        assertThat(uploaded.getStatusCode().value()).as(uploaded.getBody()).isEqualTo(201);
        await().atMost(WITHIN).until(() -> json.readTree(send(station(PLAIN), HttpMethod.GET, "/api/v1/requests/"
                + requestId + "/evidence?district=" + PLAIN, null).getBody()).size() == 1);
        var cleaned = cloud.practice.request.evidence.EvidenceImages.clean(TestPhotos.png(30, 20));
        Instant now = Instant.now();
        // as a crash between the files and the command leaves them: stored two hours ago, never attached
        store.store(PLAIN, "ev-crashed", cloud.practice.request.evidence.EvidenceStore.Subject.REQUEST, requestId,
                "CHECK_OUT", null, volunteerOf(PLAIN), now.minus(Duration.ofHours(2)), cleaned, false);
        store.store(PLAIN, "ev-on-its-way", cloud.practice.request.evidence.EvidenceStore.Subject.REQUEST, requestId,
                "CHECK_OUT", null, volunteerOf(PLAIN), now, cleaned, false);
        assertThat(records(PLAIN)).isEqualTo(3);
        assertThat(files(PLAIN)).hasSize(6);

        assertThat(store.sweep(now.minus(Duration.ofHours(1)))).isEqualTo(1);
        assertThat(records(PLAIN)).isEqualTo(2);
        assertThat(files(PLAIN)).hasSize(4);
        assertThat(store.evidence(PLAIN, "ev-crashed")).isEmpty();
        assertThat(store.evidence(PLAIN, "ev-on-its-way")).isPresent();

        // a record lost on its own leaves files with no record: they go once old enough
        mongo.getDb().getCollection("evidence_records").deleteOne(new Document("_id", PLAIN + "|ev-on-its-way"));
        assertThat(store.sweep(now.minus(Duration.ofHours(1)))).as("too young yet").isZero();
        assertThat(store.sweep(Instant.now().plusSeconds(60))).isEqualTo(2);
        assertThat(records(PLAIN)).as("the attached photo stays").isEqualTo(1);
        assertThat(files(PLAIN)).hasSize(2);
        assertThat(json.readTree(send(station(PLAIN), HttpMethod.GET, "/api/v1/requests/" + requestId
                + "/evidence?district=" + PLAIN, null).getBody()).size()).isEqualTo(1);
        clear(PLAIN);
    }

    @Test
    void shouldKeepTheSharedBodyLimitEverywhereElse() {
        String big = "{\"menuItem\":\"HELP\",\"description\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        ResponseEntity<String> answer = send(resident(PLAIN), HttpMethod.POST, "/api/v1/requests?district=" + PLAIN, big);
        assertThat(answer.getStatusCode().value()).isEqualTo(413);
        assertThat(answer.getBody()).contains("https://practice.cloud/problems/payload-too-large");
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private ResponseEntity<String> upload(String token, String district, String requestId, String stage, byte[] bytes,
                                          String name, String caption) {
        return upload(token, district, requestId, stage, bytes, name, caption, null);
    }

    private ResponseEntity<String> upload(String token, String district, String requestId, String stage, byte[] bytes,
                                          String name, String caption, String key) {
        return multipart(token, "/api/v1/requests/" + requestId + "/evidence?district=" + district + "&stage=" + stage,
                bytes, name, caption, key);
    }

    /** One photo as a phone sends it: part {@code file} (its type guessed from the name), optional caption. */
    private ResponseEntity<String> multipart(String token, String path, byte[] bytes, String name, String caption,
                                             String key) {
        MultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("file", new ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return name;
            }
        });
        if (caption != null) {
            parts.add("caption", caption);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        if (key != null) {
            headers.set("Idempotency-Key", key);
        }
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
    }

    private ResponseEntity<byte[]> bytes(String token, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    private List<Document> files(String district) {
        return mongo.getDb().getCollection("evidence.files").find(new Document("metadata.districtId", district))
                .into(new java.util.ArrayList<>());
    }

    private long records(String district) {
        return mongo.getDb().getCollection("evidence_records").countDocuments(new Document("districtId", district));
    }

    /** Each test counts from nothing: the photos of earlier ones go (as the erasure would). */
    private void clear(String district) {
        for (Document file : files(district)) {
            mongo.getDb().getCollection("evidence.chunks").deleteMany(new Document("files_id", file.get("_id")));
            mongo.getDb().getCollection("evidence.files").deleteOne(new Document("_id", file.get("_id")));
        }
        mongo.getDb().getCollection("evidence_records").deleteMany(new Document("districtId", district));
    }

    private String token(String user, Role role, String district, String unit) {
        return identity.token(user, role.name(), district, unit, Scopes.forRole(role));
    }

    private String admin(String district) {
        return token("admin-center", Role.DISTRICT_ADMIN, district, "center");
    }

    private String station(String district) {
        return token("admin-pl", Role.STATION_ADMIN, district, "s-pl");
    }

    private String resident(String district) {
        return token("resident-alice", Role.RESIDENT, district, null);
    }

    private String volunteer(String district) {
        return volunteer(district, volunteerOf(district));
    }

    private String volunteer(String district, String volunteerId) {
        return token(volunteerId, Role.VOLUNTEER, district, null);
    }

    private static String volunteerOf(String district) {
        return "v1-" + district;
    }

    private static String eraseeOf(String district) {
        return "v2-" + district;
    }

    /** Alice's order, reviewed, dispatched to {@code volunteerId}, accepted and checked in with their own token. */
    private String checkedIn(String district, String volunteerId) throws Exception {
        ResponseEntity<String> ordered = await().atMost(WITHIN).until(() -> send(resident(district), HttpMethod.POST,
                "/api/v1/requests?district=" + district, "{\"menuItem\":\"HELP\",\"community\":\"盘龙社区\","
                        + "\"location\":{\"latitude\":" + LAT + ",\"longitude\":" + LON + "},\"channel\":\"APP\","
                        + "\"requesterId\":\"resident-alice\",\"description\":\"帮忙买菜\"}"),
                response -> response.getStatusCode().value() == 201);
        String requestId = json.readTree(ordered.getBody()).get("requestId").asText();
        String action = "/api/v1/requests/" + requestId;
        String station = station(district);
        await().atMost(WITHIN).until(() -> view(station, district, requestId).getStatusCode().value() == 200
                && json.readTree(view(station, district, requestId).getBody()).hasNonNull("clockStage"));
        ok(send(station, HttpMethod.POST, action + "/review?district=" + district,
                "{\"accept\":true,\"reviewerId\":\"admin-pl\"}"));
        ok(send(station, HttpMethod.POST, action + "/dispatch?district=" + district,
                "{\"volunteerIds\":[\"" + volunteerId + "\"]}"));
        String volunteer = volunteer(district, volunteerId);
        await().atMost(WITHIN).until(() -> view(volunteer, district, requestId).getStatusCode().value() == 200);
        ok(send(volunteer, HttpMethod.POST, action + "/accept?district=" + district,
                "{\"volunteerId\":\"" + volunteerId + "\"}"));
        ok(send(volunteer, HttpMethod.POST, action + "/check-in?district=" + district,
                "{\"volunteerId\":\"" + volunteerId + "\"}"));
        await().atMost(WITHIN).until(() -> json.readTree(view(station, district, requestId).getBody()).get("status")
                .asText().equals("IN_SERVICE"));
        return requestId;
    }

    private ResponseEntity<String> view(String token, String district, String requestId) {
        return send(token, HttpMethod.GET, "/api/v1/requests/" + requestId + "?district=" + district, null);
    }

    private ResponseEntity<String> send(String token, HttpMethod method, String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    private static void ok(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
    }

    private static List<String> events(JsonNode view) {
        return view.get("history").findValuesAsText("event");
    }

    private static JsonNode entry(JsonNode view, String event) {
        for (JsonNode entry : view.get("history")) {
            if (entry.get("event").asText().equals(event)) {
                return entry;
            }
        }
        throw new AssertionError("no " + event + " in " + view);
    }
}
