package cloud.practice.gateway.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's meters on {@code /actuator/prometheus}:
 * <ul>
 *   <li>{@code practice_gateway_requests_seconds{route,method,status,outcome}}: every request, with a histogram for
 *   latency percentiles per route;</li>
 *   <li>{@code practice_gateway_client_requests_total{client,route,outcome}}: requests per client;</li>
 *   <li>{@code practice_gateway_rejections_total{route,reason,client}}: answers the gateway gave itself (rate-limited,
 *   payload-too-large, service-unavailable, service-busy, upstream-timeout, bad-gateway, cors-refused, not-found).</li>
 * </ul>
 * The client tag is bounded: the first {@value #MAX_CLIENT_TAGS} client ids get their own value, later ones
 * {@code other}; callers without a client id are {@code anonymous} (addresses are never tags).
 * Resilience4j adds {@code resilience4j_circuitbreaker_*} and {@code resilience4j_bulkhead_*} per backend.
 */
@Component
public class GatewayMetrics {

    static final int MAX_CLIENT_TAGS = 200;
    public static final String UNROUTED = "unrouted";
    /** Answers from the gateway's own handlers (no backend route, e.g. the people's ends) name their route here. */
    public static final String LOCAL_ROUTE_ATTRIBUTE = GatewayMetrics.class.getName() + ".localRoute";

    private final MeterRegistry registry;
    private final Set<String> taggedClients = ConcurrentHashMap.newKeySet();
    // Meters by their tags: the hot path looks them up instead of building a meter id per request.
    private final ConcurrentHashMap<RequestTags, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<ClientTags, Counter> clientCounters = new ConcurrentHashMap<>();

    private record RequestTags(String route, String method, int status) {
    }

    private record ClientTags(String client, String route, String outcome) {
    }

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void request(ServerWebExchange exchange, int status, long nanos) {
        String route = routeId(exchange);
        String outcome = outcome(status);
        timers.computeIfAbsent(new RequestTags(route, method(exchange), status),
                tags -> Timer.builder("practice.gateway.requests").description("Requests through the gateway")
                        .tag("route", tags.route()).tag("method", tags.method())
                        .tag("status", Integer.toString(tags.status())).tag("outcome", outcome(tags.status()))
                        .publishPercentileHistogram()
                        .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
        clientCounters.computeIfAbsent(new ClientTags(clientTag(exchange), route, outcome),
                tags -> Counter.builder("practice.gateway.client.requests").description("Requests per client")
                        .tag("client", tags.client()).tag("route", tags.route()).tag("outcome", tags.outcome())
                        .register(registry)).increment();
    }

    public void rejected(ServerWebExchange exchange, String reason) {
        Counter.builder("practice.gateway.rejections").description("Requests the gateway answered itself, by reason")
                .tag("route", routeId(exchange)).tag("reason", reason).tag("client", clientTag(exchange))
                .register(registry).increment();
    }

    static String routeId(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route != null) {
            return route.getId();
        }
        String local = exchange.getAttribute(LOCAL_ROUTE_ATTRIBUTE);
        return local == null ? UNROUTED : local;
    }

    private String clientTag(ServerWebExchange exchange) {
        String tag = ClientKey.of(exchange).metricTag();
        if (taggedClients.contains(tag)) {
            return tag;
        }
        if (taggedClients.size() < MAX_CLIENT_TAGS) {
            taggedClients.add(tag);
            return tag;
        }
        return "other";
    }

    /** Custom methods are possible on the wire; as tags they would be unbounded. */
    private static String method(ServerWebExchange exchange) {
        String method = exchange.getRequest().getMethod().name();
        return STANDARD_METHODS.contains(method) ? method : "OTHER";
    }

    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private static String outcome(int status) {
        if (status < 400) {
            return "SUCCESS";
        }
        return status < 500 ? "CLIENT_ERROR" : "SERVER_ERROR";
    }
}
