package cloud.practice.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Our gateway settings ({@code practice.gateway.*}). Backends and routes are <em>maps</em> keyed by name, not lists:
 * Spring merges maps across property sources, so a profile, an environment variable or a test can change one
 * route's setting without restating the whole route list (STACK.md: a list comes whole from one source).
 *
 * @param backends      backend name (e.g. {@code hierarchy-service}) → base URI; circuit breakers and bulkheads are
 *                      per backend, named like it ({@code resilience4j.circuitbreaker.instances.<backend>})
 * @param routeDefaults what a route does not set itself
 * @param routes        route id → route; each backend also gets a docs route {@code /api-docs/<backend without
 *                      -service>} → its {@code /v3/api-docs}
 * @param cors          allowed browser origins
 */
@ConfigurationProperties("practice.gateway")
public record GatewayProperties(Map<String, URI> backends, RouteSettings routeDefaults, Map<String, RouteSpec> routes,
                                Cors cors, @DefaultValue Docs docs) {

    public GatewayProperties {
        backends = backends == null ? Map.of() : backends;
        routes = routes == null ? Map.of() : routes;
        Objects.requireNonNull(routeDefaults, "practice.gateway.route-defaults is required");
        cors = cors == null ? new Cors(List.of()) : cors;
    }

    /**
     * One route.
     *
     * @param backend  a key of {@code backends}
     * @param paths    path patterns ({@code /api/v1/requests/**})
     * @param order    where the route is matched among the others (lower first; default 0, then by id): a route for
     *                 a path inside another route's paths needs a lower order
     * @param settings overrides of {@code route-defaults}, each optional
     */
    public record RouteSpec(String backend, List<String> paths, Integer order, Duration connectTimeout,
                            Duration responseTimeout, DataSize maxBodySize, RateLimit rateLimit, Retry retry,
                            RateLimit anonymousRateLimit) {

        public int matchOrder() {
            return order == null ? 0 : order;
        }

        public RouteSettings over(RouteSettings defaults) {
            RateLimit limit = rateLimit != null ? rateLimit.over(defaults.rateLimit()) : defaults.rateLimit();
            return new RouteSettings(
                    connectTimeout != null ? connectTimeout : defaults.connectTimeout(),
                    responseTimeout != null ? responseTimeout : defaults.responseTimeout(),
                    maxBodySize != null ? maxBodySize : defaults.maxBodySize(),
                    limit,
                    retry != null ? retry.over(defaults.retry()) : defaults.retry(),
                    anonymousRateLimit != null ? anonymousRateLimit.over(limit) : defaults.anonymousRateLimit());
        }
    }

    /**
     * Settings of a route, all present once merged with the defaults but {@code anonymousRateLimit}: where a route
     * sets it, reads (GET, HEAD) that carry no credentials at all — no bearer token, no {@code api_key} — take from
     * a bucket per caller address with this limit instead of the route's (Open311's public data, ADR 0012).
     */
    public record RouteSettings(Duration connectTimeout, Duration responseTimeout, DataSize maxBodySize,
                                RateLimit rateLimit, Retry retry, RateLimit anonymousRateLimit) {

        public RouteSettings {
            Objects.requireNonNull(connectTimeout, "connect-timeout");
            Objects.requireNonNull(responseTimeout, "response-timeout");
            Objects.requireNonNull(maxBodySize, "max-body-size");
            Objects.requireNonNull(rateLimit, "rate-limit");
            Objects.requireNonNull(retry, "retry");
        }
    }

    /**
     * Per client and route: a bucket of {@code burst} requests refilled at {@code requestsPerSecond}.
     * {@code enabled: false} turns the limit off for a route.
     */
    public record RateLimit(Double requestsPerSecond, Integer burst, Boolean enabled) {

        RateLimit over(RateLimit defaults) {
            return new RateLimit(requestsPerSecond != null ? requestsPerSecond : defaults.requestsPerSecond(),
                    burst != null ? burst : defaults.burst(), enabled != null ? enabled : defaults.enabled());
        }

        public boolean active() {
            return !Boolean.FALSE.equals(enabled) && requestsPerSecond != null && burst != null;
        }
    }

    /**
     * Retries of idempotent methods only (GET, HEAD, OPTIONS) on a connection failure or reset, or a 502/503 answer;
     * never on a timeout (a slow backend is not helped by more load). Exponential backoff between attempts.
     */
    public record Retry(Integer retries, Duration firstBackoff, Duration maxBackoff) {

        Retry over(Retry defaults) {
            return new Retry(retries != null ? retries : defaults.retries(),
                    firstBackoff != null ? firstBackoff : defaults.firstBackoff(),
                    maxBackoff != null ? maxBackoff : defaults.maxBackoff());
        }
    }

    /** @param allowedOrigins exact origins ({@code https://dashboard.example.org}); empty: no cross-origin calls */
    public record Cors(List<String> allowedOrigins) {

        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(String::trim)
                    .filter(origin -> !origin.isEmpty()).toList();
        }
    }

    /**
     * @param pathPrefix   where each backend's OpenAPI document is exposed: {@code <prefix>/<name>}
     * @param undocumented backends without an OpenAPI document of their own (none by default: the issuer documents
     *                     its people and client API; an external OIDC provider in its place may be listed here)
     */
    public record Docs(@DefaultValue("/api-docs") String pathPrefix, @DefaultValue("/v3/api-docs") String backendPath,
                       @DefaultValue java.util.Set<String> undocumented) {

        public boolean documents(String backend) {
            return !undocumented.contains(backend);
        }
    }
}
