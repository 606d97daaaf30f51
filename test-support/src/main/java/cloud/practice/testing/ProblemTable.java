package cloud.practice.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.SoftAssertions;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

/**
 * A bad-input table: each row is a hostile or mistaken request with the status and problem type it must get. Every
 * answer must be problem+json with our stable type and no stack trace. Services keep their tables in their tests.
 */
public final class ProblemTable {

    public static final String TYPE_BASE = "https://practice.cloud/problems/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemTable() {
    }

    public record Case(String what, HttpMethod method, String path, String contentType, String body,
                       Map<String, String> headers, int status, String type) {

        public static Case json(String what, HttpMethod method, String path, String body, int status, String type) {
            return new Case(what, method, path, body == null ? null : MediaType.APPLICATION_JSON_VALUE, body,
                    Map.of(), status, type);
        }

        public Case withHeader(String name, String value) {
            return new Case(what, method, path, contentType, body, Map.of(name, value), status, type);
        }
    }

    public static void assertAnswers(TestRestTemplate http, List<Case> cases) {
        SoftAssertions softly = new SoftAssertions();
        for (Case c : cases) {
            ResponseEntity<String> response = send(http, c.method(), c.path(), c.contentType(), c.body(), c.headers());
            softly.assertThat(response.getStatusCode().value()).as("%s: %s", c.what(), response.getBody())
                    .isEqualTo(c.status());
            softly.assertThat(response.getHeaders().getContentType()).as("%s content type", c.what())
                    .hasToString(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            softly.assertThat(problemType(response)).as("%s problem type", c.what()).isEqualTo(TYPE_BASE + c.type());
            softly.assertThat(response.getBody()).as("%s leaks no stack trace", c.what())
                    .doesNotContain("Exception").doesNotContain("at cloud.practice");
        }
        softly.assertAll();
    }

    public static ResponseEntity<String> send(TestRestTemplate http, HttpMethod method, String path, String contentType,
                                              String body, Map<String, String> extraHeaders) {
        HttpHeaders headers = new HttpHeaders();
        if (contentType != null) {
            headers.set(HttpHeaders.CONTENT_TYPE, contentType + (contentType.startsWith("text/") ? ";charset=UTF-8" : ""));
        }
        extraHeaders.forEach(headers::set);
        return http.exchange(path, method, new HttpEntity<>(body, headers), String.class);
    }

    public static String problemType(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody()).path("type").asText();
        } catch (Exception e) {
            return "unreadable: " + response.getBody();
        }
    }
}
