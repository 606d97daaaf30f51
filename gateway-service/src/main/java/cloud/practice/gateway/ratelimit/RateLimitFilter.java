package cloud.practice.gateway.ratelimit;

import cloud.practice.gateway.config.GatewayProperties.RateLimit;
import cloud.practice.gateway.web.ClientKey;
import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;

/**
 * Per client and route: takes a token from the client's bucket for this route or answers 429 problem+json
 * {@code rate-limited} with {@code Retry-After} (whole seconds until a token is back, at least 1).
 */
public final class RateLimitFilter implements GatewayFilter, Ordered {

    public static final int ORDER = 10;

    private final String routeId;
    private final RateLimit limit;
    private final TokenBuckets buckets;
    private final Problems problems;
    private final GatewayMetrics metrics;

    public RateLimitFilter(String routeId, RateLimit limit, TokenBuckets buckets, Problems problems,
                           GatewayMetrics metrics) {
        this.routeId = routeId;
        this.limit = limit;
        this.buckets = buckets;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ClientKey client = ClientKey.of(exchange);
        TokenBuckets.Decision decision = buckets.tryTake(routeId + '|' + client.key(), limit.requestsPerSecond(),
                limit.burst());
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        metrics.rejected(exchange, "rate-limited");
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests from this client on this route; retry after the time in Retry-After",
                Map.of("route", routeId, "requestsPerSecond", limit.requestsPerSecond(), "burst", limit.burst()),
                Duration.ofNanos(decision.waitNanos()));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return "RateLimit[" + routeId + ": " + limit.requestsPerSecond() + "/s, burst " + limit.burst() + "]";
    }
}
