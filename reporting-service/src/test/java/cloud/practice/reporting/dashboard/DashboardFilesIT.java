package cloud.practice.reporting.dashboard;

import cloud.practice.testing.WithPlatformInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's files are served by this service to anyone without a token (the page logs its user in), ECharts
 * among them from the WebJar, under a Content-Security-Policy that allows nothing from elsewhere; the data stays
 * behind tokens. A plain client, as a browser arrives (the test template would add a token).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithPlatformInfrastructure
class DashboardFilesIT {

    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    private HttpResponse<byte[]> send(String method, String path) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldServeThePageAndItsLibraryWithoutATokenAndOnlyFromItself() throws Exception {
        HttpResponse<byte[]> page = send("GET", "/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(text(page)).contains("lib/echarts/echarts.min.js", "dashboard.js", "数据看板")
                .doesNotContain("http://", "https://");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
                .contains("script-src 'self'").contains("connect-src 'self'");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-cache");

        HttpResponse<byte[]> echarts = send("GET", "/dashboard/lib/echarts/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length).as("the whole library").isGreaterThan(500_000);
        assertThat(new String(echarts.body(), 0, 2000, StandardCharsets.UTF_8)).contains("Apache");

        for (String file : new String[] {"dashboard.js", "i18n.js", "dashboard.css", "favicon.svg"}) {
            HttpResponse<byte[]> answer = send("GET", "/dashboard/" + file);
            assertThat(answer.statusCode()).as(file).isEqualTo(200);
            assertThat(text(answer)).as(file).doesNotContain("https://", "//cdn");
        }
        HttpResponse<byte[]> bare = send("GET", "/dashboard");
        assertThat(bare.statusCode()).as("/dashboard leads to /dashboard/").isEqualTo(302);
        assertThat(bare.headers().firstValue("Location").orElse("")).endsWith("/dashboard/");
        assertThat(send("GET", "/dashboard/missing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldKeepTheReportsBehindTokens() throws Exception {
        for (String report : new String[] {"units", "open-requests", "figures"}) {
            HttpResponse<byte[]> answer = send("GET", "/api/v1/reports/" + report + "?district=cq-x");
            assertThat(answer.statusCode()).as(report + ": " + text(answer)).isEqualTo(401);
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        }
        assertThat(send("POST", "/dashboard/").statusCode()).as("the page is read-only").isIn(401, 403, 405);
    }
}
