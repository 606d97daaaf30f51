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
 * rest of the API. Tokens are cached by a hash of the key until shortly before they expire. A key the issuer refused
 * is remembered (by its hash, never the key) for {@link #REFUSED_FOR}, so repeating a bad key does not reach the
 * issuer again — no password hash check per repeat; the issuer's own brake counts the distinct guesses, by the
 * caller's address, which goes along as X-Forwarded-For. An unusable key simply leaves the request unauthenticated
 * (401). A key that becomes valid (a new client, a rotated secret) works once its refusal has run out.
 */
final class ApiKeyExchange extends OncePerRequestFilter {

    static final String PARAMETER = "api_key";
    private static final Logger log = LoggerFactory.getLogger(ApiKeyExchange.class);
    private static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);
    /** Short: a key refused just before its client was registered or its secret rotated works a minute later. */
    static final Duration REFUSED_FOR = Duration.ofSeconds(60);
    static final int REFUSALS_REMEMBERED = 10_000;

    private record CachedToken(String value, Instant renewAt) {
    }

    private final URI tokenUri;
    private final ObjectMapper json;
    private final Clock clock;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, CachedToken> tokens = new ConcurrentHashMap<>();
    /** Hash of a refused key → until when it stays refused without asking the issuer. */
    private final Map<String, Instant> refused = new ConcurrentHashMap<>();
    private final int refusalLimit;

    ApiKeyExchange(String tokenUri, ObjectMapper json, Clock clock) {
        this(tokenUri, json, clock, REFUSALS_REMEMBERED);
    }

    ApiKeyExchange(String tokenUri, ObjectMapper json, Clock clock, int refusalLimit) {
        this.tokenUri = URI.create(tokenUri);
        this.json = json;
        this.clock = clock;
        this.refusalLimit = refusalLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/open311/") || request.getHeader(HttpHeaders.AUTHORIZATION) != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String apiKey = request.getParameter(PARAMETER);
        String token = apiKey == null || apiKey.isBlank() ? null : tokenFor(apiKey, request.getRemoteAddr());
        chain.doFilter(token == null ? request : new WithBearer(request, token), response);
    }

    private String tokenFor(String apiKey, String callerAddress) {
        String cacheKey = sha256(apiKey);
        CachedToken cached = tokens.get(cacheKey);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.renewAt())) {
            return cached.value();
        }
        Instant refusedUntil = refused.get(cacheKey);
        if (refusedUntil != null) {
            if (now.isBefore(refusedUntil)) {
                return null;
            }
            refused.remove(cacheKey, refusedUntil);
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
            HttpRequest.Builder exchange = HttpRequest.newBuilder(tokenUri)
                    .timeout(Duration.ofSeconds(5))
                    .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                    .header(HttpHeaders.CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"));
            if (callerAddress != null && !callerAddress.isBlank()) {
                // The issuer believes it only where it is told to trust this service as a proxy.
                exchange.header("X-Forwarded-For", callerAddress);
            }
            HttpResponse<String> answer = client.send(exchange.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 400 || answer.statusCode() == 401) {
                log.info("api_key refused by the token endpoint ({})", answer.statusCode());
                remember(cacheKey, now);
                return null;
            }
            if (answer.statusCode() != 200) {
                // No verdict on the key (issuer busy or broken): ask again next time.
                log.warn("token endpoint answered {} to an api_key exchange", answer.statusCode());
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

    private void remember(String cacheKey, Instant now) {
        if (refused.size() >= refusalLimit) {
            refused.values().removeIf(until -> !now.isBefore(until));
            if (refused.size() >= refusalLimit) {
                refused.clear(); // bounded; a flood of distinct bad keys gains nothing from the cache anyway
            }
        }
        refused.put(cacheKey, now.plus(REFUSED_FOR));
    }

    int refusalsRemembered() {
        return refused.size();
    }

    java.util.Set<String> rememberedRefusals() {
        return java.util.Set.copyOf(refused.keySet());
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
