package cloud.practice.gateway.ends;

import cloud.practice.gateway.support.GatewayTestTokens;
import cloud.practice.gateway.support.LoopbackBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people's ends at /app/, as a browser fetches them: no token, the web module's real build (its jar is on the
 * class path), strict security headers, pages revalidated and hashed assets cached for good, gzip, and nothing else
 * below /app/ — no listing, no traversal, no fallback to a backend. A route whose paths cover everything ({@code /**})
 * is configured on purpose: the ends must be answered before any backend route is looked at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "practice.gateway.routes.everything.backend=volunteer-service",
        "practice.gateway.routes.everything.paths=/**"})
@AutoConfigureObservability
class PeopleEndsIT {

    private static final LoopbackBackend CATCH_ALL = LoopbackBackend.echo("volunteer-service");
    /** Exactly the policy the brief and docs/security.md state; a change to it must be deliberate. */
    private static final String POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; "
            + "style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";
    /** A browser: no token, no automatic decompression, no redirects followed. */
    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        GatewayTestTokens.register(registry);
        registry.add("VOLUNTEER_SERVICE_URL", CATCH_ALL::url);
    }

    @BeforeEach
    void clear() {
        CATCH_ALL.reset();
    }

    @AfterAll
    static void stop() {
        CATCH_ALL.stop();
    }

    private HttpResponse<byte[]> send(String method, String rawPath, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + rawPath))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return BROWSER.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(String rawPath, String... headers) throws Exception {
        return send("GET", rawPath, headers);
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> answer, String name) {
        return answer.headers().firstValue(name).orElse("");
    }

    private static Set<String> directives(HttpResponse<?> answer) {
        return Arrays.stream(header(answer, "Cache-Control").split(",")).map(String::trim).collect(Collectors.toSet());
    }

    private static void assertHardened(HttpResponse<?> answer, String what) {
        assertThat(header(answer, "Content-Security-Policy")).as(what).isEqualTo(POLICY);
        assertThat(header(answer, "X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(header(answer, "Referrer-Policy")).as(what).isEqualTo("same-origin");
        assertThat(header(answer, "Permissions-Policy")).as(what)
                .isEqualTo("geolocation=(self), camera=(), microphone=()");
    }

    /** The web module's own bytes of a built file, to compare what the gateway sent with. */
    private static byte[] built(String path) throws IOException {
        try (InputStream in = PeopleEndsIT.class.getClassLoader().getResourceAsStream("people-web/" + path)) {
            assertThat(in).as("the web jar has %s", path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The assets the index page loads, by their hashed names, as Vite wrote them into it. */
    private List<String> assetsOfTheIndex() throws Exception {
        Matcher assets = Pattern.compile("\"/app/(assets/[^\"]+)\"").matcher(new String(built("index.html"),
                StandardCharsets.UTF_8));
        List<String> found = assets.results().map(match -> match.group(1)).toList();
        assertThat(found).as("index.html loads a script and a style sheet")
                .anyMatch(path -> path.endsWith(".js")).anyMatch(path -> path.endsWith(".css"));
        return found;
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }

    @Test
    void shouldServeTheAppToAnonymousCallersUnderItsPolicyAndRevalidatedOnEveryLoad() throws Exception {
        for (String path : List.of("/app/", "/app/index.html")) {
            HttpResponse<byte[]> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(header(page, "Content-Type")).as(path).isEqualToIgnoringCase("text/html;charset=UTF-8");
            assertThat(page.body()).as(path).isEqualTo(built("index.html"));
            assertThat(text(page)).contains("<div id=\"app\">", "新时代文明实践云");
            assertHardened(page, path);
            assertThat(directives(page)).as(path).containsExactly("no-cache");

            // Revalidation of an unchanged page: 304, no body, the same headers.
            String etag = header(page, "ETag");
            assertThat(etag).as(path).startsWith("\"");
            HttpResponse<byte[]> again = get(path, "If-None-Match", etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertHardened(again, path + " (304)");
            assertThat(get(path, "If-None-Match", "\"an-older-release\"").statusCode()).isEqualTo(200);
        }
        HttpResponse<byte[]> head = send("HEAD", "/app/");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(CATCH_ALL.calls()).as("no backend route saw the ends").isZero();
    }

    @Test
    void shouldTellThePagesThatNoMapTilesAreConfiguredByDefault() throws Exception {
        HttpResponse<byte[]> settings = get("/app/settings.json");
        assertThat(settings.statusCode()).isEqualTo(200);
        assertThat(header(settings, "Content-Type")).startsWith("application/json");
        assertThat(text(settings)).isEqualTo("{\"map\":{}}");
        assertThat(directives(settings)).containsExactly("no-cache");
        assertHardened(settings, "settings.json");
        assertThat(send("POST", "/app/settings.json").statusCode()).isEqualTo(405);
        assertThat(CATCH_ALL.calls()).isZero();
    }

    @Test
    void shouldLeadTheBarePathToTheAppKeepingItsQuery() throws Exception {
        HttpResponse<byte[]> bare = get("/app");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(header(bare, "Location")).isEqualTo("/app/");
        assertThat(header(get("/app?lang=en"), "Location")).isEqualTo("/app/?lang=en");
        assertThat(CATCH_ALL.calls()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"tv.html, tv", "console.html, console"})
    void shouldServeTheTvPageAndTheStaffConsole(String page, String mountPoint) throws Exception {
        HttpResponse<byte[]> served = get("/app/" + page);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(header(served, "Content-Type")).isEqualToIgnoringCase("text/html;charset=UTF-8");
        assertThat(served.body()).isEqualTo(built(page));
        assertThat(text(served)).contains("<div id=\"" + mountPoint + "\">");
        assertHardened(served, page);
        assertThat(directives(served)).containsExactly("no-cache");
        assertThat(CATCH_ALL.calls()).isZero();
    }

    @Test
    void shouldServeHashedAssetsImmutableTypedAndGzipped() throws Exception {
        Map<String, String> types = Map.of("js", "text/javascript;charset=UTF-8", "css", "text/css;charset=UTF-8");
        for (String asset : assetsOfTheIndex()) {
            byte[] original = built(asset);
            HttpResponse<byte[]> gzipped = get("/app/" + asset, "Accept-Encoding", "gzip");
            assertThat(gzipped.statusCode()).as(asset).isEqualTo(200);
            assertThat(header(gzipped, "Content-Type")).as(asset)
                    .isEqualToIgnoringCase(types.get(asset.substring(asset.lastIndexOf('.') + 1)));
            assertThat(directives(gzipped)).as(asset)
                    .containsExactlyInAnyOrder("public", "max-age=31536000", "immutable");
            assertHardened(gzipped, asset);
            assertThat(header(gzipped, "Vary")).as(asset).containsIgnoringCase("Accept-Encoding");
            if (original.length >= 1024) { // the server's min-response-size
                assertThat(header(gzipped, "Content-Encoding")).as(asset).isEqualTo("gzip");
                assertThat(gzipped.body().length).as(asset).isLessThan(original.length);
                assertThat(gunzip(gzipped.body())).as(asset).isEqualTo(original);
            }
            HttpResponse<byte[]> plain = get("/app/" + asset);
            assertThat(header(plain, "Content-Encoding")).as(asset).isEmpty();
            assertThat(plain.body()).as(asset).isEqualTo(original);
        }
        assertThat(CATCH_ALL.calls()).isZero();
    }

    @Test
    void shouldAnswerAnyOtherPathBelowAppWith404ProblemAndNoListingOrFallback() throws Exception {
        String asset = assetsOfTheIndex().get(0);
        for (String path : List.of("/app/missing.html", "/app/assets/", "/app/assets", "/app/assets/missing-0000.js",
                "/app/" + asset + "/more", "/app/index.html/", "/app/people-web/index.html", "/app/application.yml",
                "/app/orders", "/app/ASSETS/" + asset.substring("assets/".length()), "/app/%61ssets/"
                        + asset.substring("assets/".length()))) {
            HttpResponse<byte[]> answer = get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(header(answer, "Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(text(answer)).as(path).contains("\"type\":\"https://practice.cloud/problems/not-found\"");
        }
        HttpResponse<byte[]> post = send("POST", "/app/");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(header(post, "Allow")).contains("GET", "HEAD");
        assertThat(CATCH_ALL.calls()).as("nothing below /app/ falls through to a backend route").isZero();

        String metrics = new String(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), StandardCharsets.UTF_8);
        assertThat(metrics.lines()).as("the ends are a route of their own in the meters")
                .anySatisfy(line -> assertThat(line).startsWith("practice_gateway_rejections_total{")
                        .contains("reason=\"not-found\"", "route=\"app\""));
    }

    @Test
    void shouldRefuseTraversalOutOfTheEnds() throws Exception {
        for (String path : List.of("/app/../application.yml", "/app/assets/../../application.yml",
                "/app/%2e%2e/application.yml", "/app/assets/..%2F..%2Fapplication.yml", "/app/assets/%2e%2e/tv.html",
                "/app/./index.html", "/app/assets/..%5C..%5Capplication.yml")) {
            HttpResponse<byte[]> answer = get(path);
            assertThat(answer.statusCode()).as(path).isIn(400, 404);
            assertThat(header(answer, "Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(text(answer)).as(path).doesNotContain("practice:", "<html");
        }
        assertThat(CATCH_ALL.calls()).isZero();
    }
}
