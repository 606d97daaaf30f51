package cloud.practice.reporting.web;

import cloud.practice.reporting.projection.ProjectionStatus;
import cloud.practice.reporting.report.FigureRow;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.List;

/**
 * Every HTTP call the reporting ITs make goes through here, so authentication is added in one place (today the
 * test infrastructure's TestRestTemplate sends a platform token; scoped callers will be set here).
 */
public final class ReportsClient {

    private final TestRestTemplate http;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public ReportsClient(TestRestTemplate http) {
        this.http = http;
    }

    public TestRestTemplate http() {
        return http;
    }

    public ResponseEntity<String> get(String path) {
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(new HttpHeaders()), String.class);
    }

    public ResponseEntity<String> get(String path, String accept) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT, accept);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    public ResponseEntity<String> post(String path) {
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(new HttpHeaders()), String.class);
    }

    public JsonNode json(String path) {
        ResponseEntity<String> response = get(path);
        if (!response.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError(path + " answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return read(response.getBody(), new TypeReference<JsonNode>() { });
    }

    public List<FigureRow> figures(String query) {
        JsonNode page = json("/api/v1/reports/figures?" + query);
        return read(page.get("items").toString(), new TypeReference<List<FigureRow>>() { });
    }

    public List<ProjectionStatus> status() {
        return read(get("/api/v1/reports/projections").getBody(), new TypeReference<List<ProjectionStatus>>() { });
    }

    public <T> T read(String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (Exception e) {
            throw new AssertionError("cannot read " + body, e);
        }
    }
}
