package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A caller of the platform through the gateway, as an integrating system or a person would be: it gets its token
 * from the issuer (client credentials, or the login form with the authorization code flow and PKCE) and sends it.
 */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final String token;

    private Api(String token) {
        this.token = token;
    }

    /** A machine client, through the gateway's route to the issuer. */
    static Api client(String clientId, String secret) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(RunningPlatform.GATEWAY + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new AssertionError("token for " + clientId + ": " + answer.statusCode() + " " + answer.body());
        }
        return new Api(JSON.readTree(answer.body()).get("access_token").asText());
    }

    /** A person of the demo district, logged in through the browser flow (authorization code + PKCE). */
    static Api person(String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:8765/callback";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", "practice-console");
        query.put("redirect_uri", redirect);
        query.put("scope", "openid hierarchy:read hierarchy:admin volunteers:read volunteers:write requests:read "
                + "requests:write reports:read");
        query.put("state", "s");
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        URI next = URI.create(RunningPlatform.GATEWAY + "/oauth2/authorize?" + form(query));
        String code = null;
        for (int hop = 0; hop < 8 && code == null; hop++) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(next).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().contains("name=\"_csrf\"")) {
                Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
                if (!csrf.find()) {
                    throw new AssertionError("login form without CSRF token");
                }
                page = browser.send(HttpRequest.newBuilder(next.resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username,
                                "password", password, "_csrf", csrf.group(1))))).build(),
                        HttpResponse.BodyHandlers.ofString());
            }
            HttpResponse<String> stopped = page;
            String location = page.headers().firstValue("Location").orElseThrow(() ->
                    new AssertionError("login flow stopped at " + stopped.statusCode() + " " + stopped.body()));
            if (location.startsWith(redirect)) {
                code = parameter(location, "code");
            } else {
                next = next.resolve(location);
            }
        }
        HttpResponse<String> tokens = HTTP.send(HttpRequest.newBuilder(URI.create(RunningPlatform.GATEWAY + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code",
                        code, "redirect_uri", redirect, "client_id", "practice-console", "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token for " + username + ": " + tokens.statusCode() + " " + tokens.body());
        }
        return new Api(JSON.readTree(tokens.body()).get("access_token").asText());
    }

    /** The bearer token itself, for load generators that send their own requests. */
    String token() {
        return token;
    }

    /** Nobody: no token at all. */
    static Api anonymous() {
        return new Api(null);
    }

    Answer get(String path) throws Exception {
        return send(request(path).GET());
    }

    Answer post(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    Answer put(String path, String json) throws Exception {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, any body and content type, as sent (for hostile input). */
    Answer send(String method, String path, String body, String contentType) throws Exception {
        HttpRequest.Builder builder = request(path);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(RunningPlatform.GATEWAY + path))
                .timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String parameter(String uri, String name) {
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }
}
