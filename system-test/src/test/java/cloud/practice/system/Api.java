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
import java.time.Instant;
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

    private final String base;
    /** The CSRF field of a login form, whichever attribute comes first. */
    private static final Pattern CSRF = Pattern.compile(
            "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

    private final TokenSource tokens;

    private Api(String base, TokenSource tokens) {
        this.base = base;
        this.tokens = tokens;
    }

    /** Where the bearer token comes from; null for nobody. */
    private interface TokenSource {
        String token() throws Exception;
    }

    /**
     * A machine client's tokens: fetched again a minute before they expire (they live ten minutes), so a long
     * load or fault run keeps calling as the same client.
     */
    private static final class ClientCredentials implements TokenSource {
        private final String issuer;
        private final String clientId;
        private final String secret;
        private String token;
        private long renewAt;

        ClientCredentials(String issuer, String clientId, String secret) {
            this.issuer = issuer;
            this.clientId = clientId;
            this.secret = secret;
        }

        @Override
        public synchronized String token() throws Exception {
            if (token == null || System.nanoTime() - renewAt >= 0) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new AssertionError("token for " + clientId + ": " + answer.statusCode() + " " + answer.body());
                }
                JsonNode issued = JSON.readTree(answer.body());
                token = issued.get("access_token").asText();
                long lifetime = issued.path("expires_in").asLong(600);
                renewAt = System.nanoTime() + Duration.ofSeconds(Math.max(lifetime - 60, lifetime / 2)).toNanos();
            }
            return token;
        }
    }

    /** A machine client, through the gateway's route to the issuer. */
    static Api client(String clientId, String secret) throws Exception {
        return client(RunningPlatform.GATEWAY, clientId, secret);
    }

    /** A machine client of the issuer at {@code base}, calling that same address (a gateway, or one service). */
    static Api client(String base, String clientId, String secret) throws Exception {
        ClientCredentials credentials = new ClientCredentials(base, clientId, secret);
        credentials.token(); // a wrong secret fails here, not at the first call
        return new Api(base, credentials);
    }

    /** The same caller, calling another address (a service directly, bypassing the gateway). */
    Api at(String otherBase) {
        return new Api(otherBase, tokens);
    }

    /** A person of the demo district, logged in through the browser flow (authorization code + PKCE). */
    static Api person(String username, String password) throws Exception {
        return login(username, (browser, loginPage, csrf) -> browser.send(HttpRequest.newBuilder(loginPage.resolve("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username,
                                "password", password, "_csrf", csrf)))).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * A person logged in by a one-time code, as on a phone: on the login page they ask for a code, read it from the
     * text message (the local issuer's outbox), and send it back.
     */
    static Api personByCode(String mobile) throws Exception {
        return login(mobile, (browser, loginPage, csrf) -> {
            java.util.concurrent.atomic.AtomicReference<Instant> asked = new java.util.concurrent.atomic.AtomicReference<>();
            // A number gets one code per resend interval (the issuer's rule against SMS bombing; a minute by default,
            // RunningPlatform.CODE_RESEND_AFTER here): a person who just signed up waits for the button to come back.
            HttpResponse<String> sent = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60))
                    .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(2)).until(() -> {
                        asked.set(Instant.now());
                        return browser.send(HttpRequest.newBuilder(loginPage.resolve("/login/code/send"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("mobile", mobile, "_csrf", csrf))))
                                .build(), HttpResponse.BodyHandlers.ofString());
                    }, answer -> answer.statusCode() != 429);
            if (sent.statusCode() >= 400) {
                throw new AssertionError("sending a login code to " + mobile + ": " + sent.statusCode() + " " + sent.body());
            }
            return browser.send(HttpRequest.newBuilder(loginPage.resolve("/login/code"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("mobile", mobile,
                            "code", TextMessages.codeFor(mobile, asked.get()), "_csrf", csrf)))).build(),
                    HttpResponse.BodyHandlers.ofString());
        });
    }

    /** How the login page is answered: one form post with the page's CSRF token. */
    private interface LoginForm {
        HttpResponse<String> submit(HttpClient browser, URI loginPage, String csrf) throws Exception;
    }

    private static Api login(String who, LoginForm loginForm) throws Exception {
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
                + "requests:write reports:read notices:read notices:write");
        query.put("state", "s");
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        URI next = URI.create(RunningPlatform.GATEWAY + "/oauth2/authorize?" + form(query));
        String code = null;
        for (int hop = 0; hop < 8 && code == null; hop++) {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(next).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() == 200 && page.body().contains("name=\"_csrf\"")) {
                Matcher csrf = CSRF.matcher(page.body());
                if (!csrf.find()) {
                    throw new AssertionError("login form without CSRF token");
                }
                page = loginForm.submit(browser, next, csrf.group(1) != null ? csrf.group(1) : csrf.group(2));
            }
            HttpResponse<String> stopped = page;
            String location = page.headers().firstValue("Location").orElseThrow(() ->
                    new AssertionError("login flow of " + who + " stopped at " + stopped.statusCode() + " "
                            + stopped.body()));
            if (location.startsWith(redirect)) {
                code = parameter(location, "code");
            } else {
                next = next.resolve(location);
            }
        }
        if (code == null) {
            throw new AssertionError("login flow of " + who + " ended without an authorization code");
        }
        HttpResponse<String> tokens = HTTP.send(HttpRequest.newBuilder(URI.create(RunningPlatform.GATEWAY + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "authorization_code", "code",
                        code, "redirect_uri", redirect, "client_id", "practice-console", "code_verifier", verifier))))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (tokens.statusCode() != 200) {
            throw new AssertionError("token for " + who + ": " + tokens.statusCode() + " " + tokens.body());
        }
        String token = JSON.readTree(tokens.body()).get("access_token").asText();
        return new Api(RunningPlatform.GATEWAY, () -> token);
    }

    /** The claims of this caller's token as the issuer wrote them (decoded, not verified: the platform verifies). */
    JsonNode claims() {
        try {
            String[] parts = tokens.token().split("\\.");
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (Exception e) {
            throw new IllegalStateException("the token cannot be read", e);
        }
    }

    /** The bearer token itself, for load generators that send their own requests (valid for a few minutes). */
    String token() throws Exception {
        return tokens.token();
    }

    /** Nobody: no token at all. */
    static Api anonymous() {
        return new Api(RunningPlatform.GATEWAY, null);
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
    /**
     * {@link #send}, made again while the gateway's rate limit for this client refuses it (429): the first answer
     * that is not a refusal, within 30 s (sweeps like the hostile-input pass and the tenancy matrix outrun the limit).
     */
    Answer sendPastTheRateLimit(String method, String path, String body, String contentType) {
        java.util.concurrent.atomic.AtomicReference<Answer> answer = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(30)).until(() -> {
                    answer.set(send(method, path, body, contentType));
                    return answer.get().status() != 429;
                });
        return answer.get();
    }

    Answer send(String method, String path, String body, String contentType) throws Exception {
        return sendBytes(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    private HttpRequest.Builder request(String path) throws Exception {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30));
        return tokens == null ? builder : builder.header("Authorization", "Bearer " + tokens.token());
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

    /** What a download answered: its status, content type and bytes (a certificate's PDF, a photo). */
    record Download(int status, String contentType, byte[] body) {
    }

    Download download(String path) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body());
    }

    /** Any method with a body of raw bytes (null: none), e.g. one that is not UTF-8, as sent (for hostile input). */
    Answer sendBytes(String method, String path, byte[] body, String contentType) throws Exception {
        HttpRequest.Builder builder = request(path);
        if (body == null) {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return send(builder);
    }
}
