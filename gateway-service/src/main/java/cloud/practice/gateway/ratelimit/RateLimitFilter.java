package cloud.practice.gateway.ratelimit;

import cloud.practice.gateway.config.GatewayProperties.RateLimit;
import cloud.practice.gateway.web.ClientKey;
import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;

/**
 * Per client and route: takes a token from the client's bucket for this route or answers 429 problem+json
 * {@code rate-limited} with {@code Retry-After} (whole seconds until a token is back, at least 1). Where the route has
 * an anonymous limit, reads without any credentials (no bearer token, no {@code api_key} parameter) take from a bucket
 * of their own per caller address with that limit; everyone else keeps the route's limit and bucket.
 */
public final class RateLimitFilter implements GatewayFilter, Ordered {

    public static final int ORDER = 10;
    static final String API_KEY = "api_key";

    private final String routeId;
    private final RateLimit limit;
    private final RateLimit anonymousLimit;
    private final TokenBuckets buckets;
    private final Problems problems;
    private final GatewayMetrics metrics;

    /** {@code anonymousLimit}: null where the route has none (credential-less reads then share the route's limit). */
    public RateLimitFilter(String routeId, RateLimit limit, RateLimit anonymousLimit, TokenBuckets buckets,
                           Problems problems, GatewayMetrics metrics) {
        this.routeId = routeId;
        this.limit = limit;
        this.anonymousLimit = anonymousLimit;
        this.buckets = buckets;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ClientKey client = ClientKey.of(exchange);
        boolean anonymous = anonymousLimit != null && withoutCredentials(exchange);
        RateLimit limit = anonymous ? anonymousLimit : this.limit;
        if (!limit.active()) {
            return chain.filter(exchange);
        }
        TokenBuckets.Decision decision = buckets.tryTake(routeId + (anonymous ? "|anonymous|" : "|") + client.key(),
                limit.requestsPerSecond(), limit.burst());
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        metrics.rejected(exchange, "rate-limited");
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests from this client on this route; retry after the time in Retry-After",
                Map.of("route", routeId, "requestsPerSecond", limit.requestsPerSecond(), "burst", limit.burst()),
                Duration.ofNanos(decision.waitNanos()));
    }

    /** A read that names nobody: the bucket is then the address, which callers cannot choose. */
    static boolean withoutCredentials(ServerWebExchange exchange) {
        HttpMethod method = exchange.getRequest().getMethod();
        return (method == HttpMethod.GET || method == HttpMethod.HEAD)
                && !exchange.getRequest().getHeaders().containsKey(HttpHeaders.AUTHORIZATION)
                && !exchange.getRequest().getQueryParams().containsKey(API_KEY);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return "RateLimit[" + routeId + ": " + limit.requestsPerSecond() + "/s, burst " + limit.burst()
                + (anonymousLimit == null ? "" : "; anonymous reads " + anonymousLimit.requestsPerSecond()
                + "/s, burst " + anonymousLimit.burst() + " per address") + "]";
    }
}
