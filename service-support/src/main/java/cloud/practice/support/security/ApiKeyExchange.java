package cloud.practice.support.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open311 clients authenticate with an {@code api_key} parameter rather than a bearer token. The key is an
 * integration client's credentials, {@code <client_id>:<client_secret>}; this filter exchanges it at the issuer's
 * token endpoint (client credentials grant) and lets the request continue with the resulting bearer token, which is
 * then validated like any other. So the client's scopes, district and revocation hold for Open311 exactly as for the
 * rest of the API. Tokens are cached by a hash of the key until shortly before they expire; refused keys are not
 * cached, and an unusable key simply leaves the request unauthenticated (401).
 */
final class ApiKeyExchange extends OncePerRequestFilter {

    static final String PARAMETER = "api_key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyExchange.class);
    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);

    private record CachedToken(String value, Instant renewAt) {
    }

    private final URI tokenUri;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();

    ApiKeyExchange(String tokenUri, ObjectMapper json, Clock clock) {
        this.tokenUri = URI.create(tokenUri);
        this.json = json;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/open311/") || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String apiKey = request.getParameter(PARAMETER);
        String token = apiKey == null || apiKey.isBlank() ? null : tokenFor(apiKey);
        chain.doFilter(token == null ? request : new WithBearer(request, token), response);
    }

    private String tokenFor(String apiKey) {
        String cacheKey = sha256(apiKey);
        CachedToken cached = tokens.get(cacheKey);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.renewAt())) {
            return cached.value();
        }
        int colon = apiKey.indexOf(':');
        if (colon <= 0 || colon == apiKey.length() - 1) {
            return null;
        }
        String basic = Base64.getEncoder().encodeToString(
                (URLEncoder.encode(apiKey.substring(0, colon), StandardCharsets.UTF_8) + ":"
                        + URLEncoder.encode(apiKey.substring(colon + 1), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> answer = client.send(HttpRequest.newBuilder(tokenUri)
                    .timeout(Duration.ofSeconds(5))
                    .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                    .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                log.info("api_key refused by the token endpoint ({})", answer.statusCode());
                return null;
            }
            JsonNode body = json.readTree(answer.body());
            String value = body.path("access_token").asText(null);
            long expiresIn = body.path("expires_in").asLong(60);
            if (value != null) {
                tokens.put(cacheKey, new CachedToken(value, now.plusSeconds(expiresIn).minus(EARLY_RENEWAL)));
            }
            return value;
        } catch (IOException e) {
            log.warn("token endpoint {} unreachable for an api_key exchange: {}", tokenUri, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class WithBearer extends HttpServletRequestWrapper {
        private final String authorization;

        WithBearer(HttpServletRequest request, String token) {
            super(request);
            this.authorization = "Bearer " + token;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name) ? authorization : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)
                    ? Collections.enumeration(java.util.List.of(authorization)) : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            java.util.List<String> names = Collections.list(super.getHeaderNames());
            names.add(HttpHeaders.AUTHORIZATION);
            return Collections.enumeration(names);
        }
    }
}
