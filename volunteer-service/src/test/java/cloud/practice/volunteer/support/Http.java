package cloud.practice.volunteer.support;

import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.testing.TestIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.HashMap;
import java.util.Map;

/** A small HTTP client for the ITs: JSON in, text out, optional caller and extra headers. */
public final class Http {

    private final TestRestTemplate rest;
    private final ObjectMapper json;
    private final Map<String, String> headers;

    public Http(TestRestTemplate rest, ObjectMapper json) {
        this(rest, json, Map.of());
    }

    private Http(TestRestTemplate rest, ObjectMapper json, Map<String, String> headers) {
        this.rest = rest;
        this.json = json;
        this.headers = headers;
    }

    /** The same client acting as someone: a token of the test issuer with the role's default scopes. */
    public Http as(String user, String role, String district, String unit) {
        Map<String, String> caller = new HashMap<>(headers);
        caller.put("Authorization", "Bearer " + TestIdentity.get().token(user, role, district, unit,
                Scopes.forRole(Role.parse(role).orElseThrow())));
        return new Http(rest, json, caller);
    }

    public Http with(String header, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(header, value);
        return new Http(rest, json, more);
    }

    public ResponseEntity<String> get(String path) {
        return exchange(HttpMethod.GET, path, null, null);
    }

    public ResponseEntity<String> post(String path, Object body) {
        return exchange(HttpMethod.POST, path, body, MediaType.APPLICATION_JSON_VALUE);
    }

    public ResponseEntity<String> put(String path, Object body) {
        return exchange(HttpMethod.PUT, path, body, MediaType.APPLICATION_JSON_VALUE);
    }

    public ResponseEntity<String> delete(String path) {
        return exchange(HttpMethod.DELETE, path, null, null);
    }

    public ResponseEntity<String> exchange(HttpMethod method, String path, Object body, String contentType) {
        return exchange(method, path, body, contentType, Map.of());
    }

    public ResponseEntity<String> exchange(HttpMethod method, String path, Object body, String contentType,
                                           Map<String, String> extra) {
        HttpHeaders http = new HttpHeaders();
        headers.forEach(http::set);
        extra.forEach(http::set);
        if (contentType != null) {
            http.set(HttpHeaders.CONTENT_TYPE, contentType);
        }
        Object payload = body == null || body instanceof String ? body : write(body);
        return rest.exchange(path, method, new HttpEntity<>(payload, http), String.class);
    }

    public JsonNode read(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
