package cloud.practice.request.open311;

import cloud.practice.testing.TestIdentity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every HTTP call of the Open311 tests goes through here, so how they authenticate is in one place. Its own HTTP
 * client (not the context's TestRestTemplate, which would add a platform token to every call): a call carries
 * exactly the credentials its {@link Auth} names — an Open311 {@code api_key} (exchanged by the service at the test
 * issuer), a bearer token, or nothing.
 */
final class Open311Client {

    /** How a call authenticates. */
    record Auth(String bearer, String apiKey) {
        static Auth none() {
            return new Auth(null, null);
        }

        static Auth bearer(String token) {
            return new Auth(token, null);
        }

        static Auth apiKey(String key) {
            return new Auth(null, key);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestRestTemplate http;
    private final Auth defaultAuth;

    Open311Client(int port, Auth defaultAuth) {
        this.http = new TestRestTemplate(new RestTemplateBuilder().rootUri("http://127.0.0.1:" + port)
                .requestFactory((java.util.function.Supplier<org.springframework.http.client.ClientHttpRequestFactory>) JdkClientHttpRequestFactory::new));
        this.defaultAuth = defaultAuth;
    }

    /** An integration client of the district registered at the test issuer; its api_key. */
    static String registerClient(String clientId, String district, List<String> scopes) {
        String secret = "s3cret-" + clientId;
        TestIdentity.get().registerClient(clientId, secret, district, scopes);
        return clientId + ":" + secret;
    }

    static String systemToken(String user, String district, List<String> scopes) {
        return TestIdentity.get().token(user, "SYSTEM", district, null, scopes);
    }

    ResponseEntity<String> get(String path, Map<String, String> query) {
        return get(path, query, defaultAuth);
    }

    ResponseEntity<String> get(String path, Map<String, String> query, Auth auth) {
        return send(HttpMethod.GET, path, query, null, auth, Map.of());
    }

    /** With extra headers, e.g. the forwarded headers a proxy in front sets. */
    ResponseEntity<String> get(String path, Map<String, String> query, Auth auth, Map<String, String> extraHeaders) {
        return send(HttpMethod.GET, path, query, null, auth, extraHeaders);
    }

    ResponseEntity<String> delete(String path, Map<String, String> query) {
        return send(HttpMethod.DELETE, path, query, null, defaultAuth, Map.of());
    }

    /** A form-urlencoded POST (the spec's POST requests); repeated names allowed. */
    ResponseEntity<String> postForm(String path, MultiValueMap<String, String> form) {
        return postForm(path, form, defaultAuth);
    }

    ResponseEntity<String> postForm(String path, MultiValueMap<String, String> form, Auth auth) {
        return send(HttpMethod.POST, path, Map.of(), form, auth, Map.of());
    }

    /** With extra headers, e.g. {@code Idempotency-Key}. */
    ResponseEntity<String> postForm(String path, MultiValueMap<String, String> form, Map<String, String> extraHeaders) {
        return send(HttpMethod.POST, path, Map.of(), form, defaultAuth, extraHeaders);
    }

    /** A JSON call of the service's own API (/api/v1), e.g. to move a request through its lifecycle. */
    ResponseEntity<String> json(HttpMethod method, String path, String body) {
        HttpHeaders headers = headers(defaultAuth);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(URI.create(http.getRootUri() + path), method, new HttpEntity<>(body, headers),
                String.class);
    }

    private ResponseEntity<String> send(HttpMethod method, String path, Map<String, String> query,
                                        MultiValueMap<String, String> form, Auth auth, Map<String, String> extraHeaders) {
        HttpHeaders headers = headers(auth);
        extraHeaders.forEach(headers::set);
        Map<String, String> parameters = new java.util.LinkedHashMap<>(query);
        MultiValueMap<String, String> body = form;
        if (auth.apiKey() != null) {
            if (form != null) {
                body = new LinkedMultiValueMap<>(form);
                body.add("api_key", auth.apiKey());
            } else {
                parameters.put("api_key", auth.apiKey());
            }
        }
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        }
        String queryString = parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        URI uri = URI.create(http.getRootUri() + path + (queryString.isEmpty() ? "" : "?" + queryString));
        return http.exchange(uri, method, new HttpEntity<>(body, headers), String.class);
    }

    private static HttpHeaders headers(Auth auth) {
        HttpHeaders headers = new HttpHeaders();
        if (auth.bearer() != null) {
            headers.setBearerAuth(auth.bearer());
        }
        return headers;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static MultiValueMap<String, String> form(String... namesAndValues) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    static JsonNode json(ResponseEntity<String> response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    static Document xml(ResponseEntity<String> response) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(response.getBody().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not XML: " + response.getBody(), e);
        }
    }
}
