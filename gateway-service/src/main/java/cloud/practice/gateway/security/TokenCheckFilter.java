package cloud.practice.gateway.security;

import cloud.practice.gateway.web.ClientKey;
import cloud.practice.gateway.web.CorsFilter;
import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The door: every request but the anonymous paths must carry a valid bearer token (signature by the issuer's JWKS,
 * expiry, issuer, audience), else 401 problem+json before any backend is touched. The token's subject then keys rate
 * limits, metrics and the access log ({@link ClientKey}). Scopes and the tree-scoped rules are checked again by every
 * service (defence in depth); the gateway does not need to know them.
 *
 * Anonymous: the gateway's health (liveness, readiness: status only, {@code PublicHealth}), the API documents and
 * Swagger UI, the issuer's endpoints (token, JWKS, discovery, login), the dashboard's and the people's ends' files,
 * Open311 discovery, reading a service certificate by its verification code (GET only: the public page behind a
 * certificate's QR code, ADR 0021), and Open311 calls that carry no bearer token — those authenticate with their {@code api_key} at
 * request-service, which exchanges it for the client's token (ADR 0011). Metrics,
 * Prometheus and the other actuator endpoints are not on this port at all but on the management port
 * ({@code PRACTICE_GATEWAY_MANAGEMENT_PORT}, 8090), which is never published: their labels name clients.
 */
@Component
public class TokenCheckFilter implements WebFilter, Ordered {

    public static final int ORDER = CorsFilter.ORDER + 2;
    private static final List<PathPattern> ANONYMOUS = patterns("/actuator/health", "/actuator/health/**",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
            "/swagger-ui/**", "/webjars/**", "/api-docs/**", "/oauth2/**", "/.well-known/**", "/login", "/login/**", "/error",
            // Signing up: a one-time code to a mobile number, then the resident's account (the issuer limits both).
            "/api/v1/people/codes", "/api/v1/people/residents",
            // Providers' delivery receipts (ADR 0023): Alibaba Cloud SMS and WeChat call without a bearer token; the
            // issuer checks the report's shared secret, notification-service WeChat's signature.
            "/api/v1/people/sms/reports", "/api/v1/notices/receipts/wechat",
            "/open311/v2/discovery.json", "/open311/v2/discovery.xml",
            // The dashboard's static files (its data calls carry the user's token).
            "/dashboard", "/dashboard/**",
            // The people's ends (PeopleEndsRoutes): pages that log their person in; the data calls carry the token.
            "/app", "/app/**");
    /** Anonymous for reading only: the certificate verification page's one call (volunteer-service answers masked). */
    private static final List<PathPattern> ANONYMOUS_READS = patterns("/api/v1/certificates/verify/*");
    private static final List<PathPattern> ACTUATOR = patterns("/actuator", "/actuator/**");
    private static final PathPattern OPEN311 = PathPatternParser.defaultInstance.parse("/open311/**");

    /** Tokens already verified, by their exact text: a client reuses its token for minutes (an RSA check each). */
    private static final int CACHE_LIMIT = 20_000;
    private final java.util.concurrent.ConcurrentHashMap<String, Jwt> verified = new java.util.concurrent.ConcurrentHashMap<>();
    private final ReactiveJwtDecoder decoder;
    private final TokenSettings settings;
    private final Problems problems;
    private final GatewayMetrics metrics;
    private final ApplicationContext context;
    /** The system's, unless the context has a {@link Clock} bean: tests move time past a token's expiry. */
    private final Clock clock;

    public TokenCheckFilter(TokenSettings settings, Problems problems, GatewayMetrics metrics,
                            ApplicationContext context, ObjectProvider<Clock> clock) {
        this.context = context;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.settings = settings;
        this.problems = problems;
        this.metrics = metrics;
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(settings.jwkSetUri())
                .jwsAlgorithms(algorithms -> algorithms.addAll(List.of(SignatureAlgorithm.RS256,
                        SignatureAlgorithm.RS384, SignatureAlgorithm.RS512, SignatureAlgorithm.ES256)))
                .build();
        List<org.springframework.security.oauth2.core.OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(settings.clockSkew());
        timestamps.setClock(this.clock);
        validators.add(timestamps);
        if (settings.issuer() != null && !settings.issuer().isBlank()) {
            validators.add(new JwtIssuerValidator(settings.issuer()));
        }
        validators.add(new JwtClaimValidator<Collection<String>>("aud",
                audience -> audience != null && audience.contains(settings.audience())));
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        this.decoder = nimbus;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (managementPort(exchange)) {
            // WebFlux's management context also sees the main context's handlers (the routes!): only the actuator.
            return ACTUATOR.stream().anyMatch(pattern -> pattern.matches(path)) ? chain.filter(exchange)
                    : problems.write(exchange, HttpStatus.NOT_FOUND, "not-found",
                    "The management port serves the actuator only", Map.of());
        }
        if (exchange.getRequest().getMethod() == HttpMethod.OPTIONS
                || ANONYMOUS.stream().anyMatch(pattern -> pattern.matches(path))
                || exchange.getRequest().getMethod() == HttpMethod.GET
                        && ANONYMOUS_READS.stream().anyMatch(pattern -> pattern.matches(path))
                || !bearer && OPEN311.matches(path)) {
            return chain.filter(exchange);
        }
        if (!bearer) {
            return refuse(exchange, "Bearer", "This request needs a bearer token (OAuth2 access token)");
        }
        String text = authorization.substring(7).trim();
        Jwt known = verified.get(text);
        if (known != null && stillValid(known)) {
            exchange.getAttributes().put(ClientKey.ATTRIBUTE, ClientKey.of(known, settings.claims()));
            return chain.filter(exchange);
        }
        return decoder.decode(text)
                .doOnNext(token -> remember(text, token))
                .map(Optional::of)
                .onErrorResume(JwtException.class, refused -> Mono.just(Optional.empty()))
                .flatMap(token -> {
                    if (token.isEmpty()) {
                        return refuse(exchange, "Bearer error=\"invalid_token\"",
                                "The bearer token is invalid, expired or not for this audience");
                    }
                    exchange.getAttributes().put(ClientKey.ATTRIBUTE, ClientKey.of(token.get(), settings.claims()));
                    return chain.filter(exchange);
                });
    }

    /**
     * The management port is served by a child context of its own (filters are shared with it): its requests are the
     * actuator's, anonymous, for the network (Prometheus, operators) that may reach that port — it is never published.
     */
    private boolean managementPort(ServerWebExchange exchange) {
        ApplicationContext serving = exchange.getApplicationContext();
        return serving != null && serving != context;
    }

    /** Same bytes, same signature: only the time-dependent checks need repeating. */
    private boolean stillValid(Jwt token) {
        java.time.Instant now = clock.instant();
        return (token.getExpiresAt() == null || now.isBefore(token.getExpiresAt().plus(settings.clockSkew())))
                && (token.getNotBefore() == null || !now.isBefore(token.getNotBefore().minus(settings.clockSkew())));
    }

    private void remember(String text, Jwt token) {
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear(); // crude but bounded; a full cache means many distinct live tokens, each re-verified once
        }
        verified.put(text, token);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String challenge, String detail) {
        metrics.rejected(exchange, "unauthenticated");
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", detail, Map.of());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static List<PathPattern> patterns(String... patterns) {
        return java.util.Arrays.stream(patterns).map(PathPatternParser.defaultInstance::parse).toList();
    }
}
