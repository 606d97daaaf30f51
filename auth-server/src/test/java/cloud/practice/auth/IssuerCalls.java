package cloud.practice.auth;

import cloud.practice.support.security.Scopes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls the notice tests make to a running issuer (the local profile's seeds): JSON over HTTP, machine clients'
 * tokens, a district admin's real token through the login form, and a person's token widened with
 * {@code people:notify} under the issuer's own key.
 *
 * @param base    the issuer's address
 * @param keyFile the issuer's signing key (JWK JSON)
 */
record IssuerCalls(String base, Path keyFile) {

    static final ObjectMapper json = new ObjectMapper();

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode body(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body());
    }

    static String type(JsonNode problem) {
        return problem.path("type").asText().replace("https://practice.cloud/problems/", "");
    }

    String clientToken(String clientId, String secret) throws Exception {
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return body(token).get("access_token").asText();
    }

    /** The seeded client, with the local default secret its hash in application-local.yml stands for. */
    String notifier() throws Exception {
        return clientToken("notification-service", "local-notification-secret");
    }

    /** A district admin's real token: the login form, the authorization code with PKCE, every scope asked for. */
    String districtAdminToken() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String verifier = "notice-" + "v".repeat(50);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://127.0.0.1:8765/callback";
        // Every scope the console's client may ask for: all a district admin's role allows there.
        String scope = "openid hierarchy:read hierarchy:admin volunteers:read volunteers:write requests:read "
                + "requests:write reports:read people:admin";
        HttpResponse<String> toLogin = browser.send(HttpRequest.newBuilder(URI.create(base + "/oauth2/authorize?"
                + form(Map.of("response_type", "code", "client_id", "practice-console", "redirect_uri", redirect,
                "state", "s", "scope", scope, "code_challenge", challenge, "code_challenge_method", "S256"))))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(toLogin.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        String page = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", "admin-district",
                        "password", "practice-demo", "_csrf", csrf.group(1))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
        String withCode = browser.send(HttpRequest.newBuilder(URI.create(loggedIn.headers().firstValue("Location")
                .orElseThrow())).build(), HttpResponse.BodyHandlers.ofString()).headers().firstValue("Location")
                .orElseThrow();
        HttpResponse<String> tokens = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code",
                        "code", parameter(withCode, "code"), "redirect_uri", redirect,
                        "client_id", "practice-console", "code_verifier", verifier)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return body(tokens).get("access_token").asText();
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static String parameter(String uri, String name) {
        for (String pair : URI.create(uri).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    /** The same token with people:notify added, signed with the issuer's own key: a person's token with the scope. */
    String withNotifyScope(String token) throws Exception {
        return withScope(token, Scopes.PEOPLE_NOTIFY);
    }

    /** The same token with the scope added, signed with the issuer's own key. */
    String withScope(String token, String scope) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        JWTClaimsSet widened = new JWTClaimsSet.Builder(claims)
                .claim("scope", claims.getStringClaim("scope") + " " + scope).build();
        RSAKey key = RSAKey.parse(Files.readString(keyFile));
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), widened);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }
}
