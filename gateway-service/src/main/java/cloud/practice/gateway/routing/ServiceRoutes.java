package cloud.practice.gateway.routing;

import cloud.practice.gateway.config.GatewayProperties;
import cloud.practice.gateway.config.GatewayProperties.RouteSettings;
import cloud.practice.gateway.ratelimit.RateLimitFilter;
import cloud.practice.gateway.ratelimit.TokenBuckets;
import cloud.practice.gateway.resilience.BackendGuard;
import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.SetPathGatewayFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.GatewayFilterSpec;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

/**
 * Builds the gateway's routes from {@code practice.gateway}: every configured route, and one docs route per backend
 * ({@code /api-docs/<name>} → the backend's {@code /v3/api-docs}). Each route's filters, outermost first:
 * <ol>
 *   <li>{@link ClientAddressFilter} (order 5): X-Forwarded-For is the address the gateway saw, nothing else;</li>
 *   <li>{@link ForwardedOriginFilter} (order 6): X-Forwarded-Proto/-Host/-Port (and -Prefix) are the public origin
 *   the caller used;</li>
 *   <li>{@link RateLimitFilter} (order 10): per client and route (anonymous reads per address where the route has
 *   an anonymous limit), 429;</li>
 *   <li>{@link RequestSizeFilter} (20): 413;</li>
 *   <li>{@link BackendGuard} (30): bulkhead and circuit breaker of the backend, 503/504/502 problems; a call is done
 *   for them once the response begins, so a stream (server-sent events) holds no permit while it stays open;</li>
 *   <li>retry (40): idempotent methods only, on connection failure or reset and on 502/503 answers (a route with
 *   {@code retry.retries: 0}, such as a stream's, has none);</li>
 *   <li>docs routes only: the path rewrite (50).</li>
 * </ol>
 * Connect and response timeouts are route metadata, applied by the gateway's HTTP client to each attempt (the
 * response timeout bounds the wait for the response to begin, not how long its body may flow). Routes are matched by
 * {@code order}, then by id. Responses of {@code text/event-stream} are flushed event by event by the gateway's
 * response writer.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceRoutes {

    static final List<HttpMethod> IDEMPOTENT = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Bean
    TokenBuckets tokenBuckets() {
        return new TokenBuckets();
    }

    @Bean
    RouteLocator practiceRoutes(RouteLocatorBuilder builder, GatewayProperties properties,
                                CircuitBreakerRegistry breakers, BulkheadRegistry bulkheads, TokenBuckets buckets,
                                Problems problems, GatewayMetrics metrics, RetryGatewayFilterFactory retries,
                                SetPathGatewayFilterFactory setPath, ServerProperties server) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        // Behind the ingress ("native"), the origin and prefix it forwards are the caller's; elsewhere only ours.
        ForwardedOriginFilter origin = new ForwardedOriginFilter(
                server.getForwardHeadersStrategy() == ServerProperties.ForwardHeadersStrategy.NATIVE);
        Map<String, BackendGuard> guards = new TreeMap<>();
        properties.backends().forEach((backend, uri) -> guards.put(backend,
                new BackendGuard(backend, breakers.circuitBreaker(backend), bulkheads.bulkhead(backend), problems,
                        metrics)));

        new TreeMap<>(properties.routes()).forEach((id, spec) -> {
            URI uri = properties.backends().get(spec.backend());
            if (uri == null) {
                throw new IllegalStateException("Route '" + id + "' names backend '" + spec.backend()
                        + "', which is not in practice.gateway.backends " + properties.backends().keySet());
            }
            if (spec.paths() == null || spec.paths().isEmpty()) {
                throw new IllegalStateException("Route '" + id + "' has no paths");
            }
            RouteSettings settings = spec.over(properties.routeDefaults());
            BackendGuard guard = guards.get(spec.backend());
            routes.route(id, route -> route.order(spec.matchOrder()).path(spec.paths().toArray(String[]::new))
                    .filters(filters -> guarded(filters, id, settings, guard, buckets, problems, metrics, retries,
                            origin))
                    .metadata(CONNECT_TIMEOUT_ATTR, (int) settings.connectTimeout().toMillis())
                    .metadata(RESPONSE_TIMEOUT_ATTR, settings.responseTimeout().toMillis())
                    .uri(uri));
        });

        GatewayProperties.Docs docs = properties.docs();
        new TreeMap<>(properties.backends()).forEach((backend, uri) -> {
            if (!docs.documents(backend)) {
                return;
            }
            String id = docsRouteId(backend);
            RouteSettings settings = properties.routeDefaults();
            GatewayFilter rewrite = setPath.apply(config -> config.setTemplate(docs.backendPath()));
            routes.route(id, route -> route.path(docsPath(docs, backend)).and().method(HttpMethod.GET)
                    .filters(filters -> guarded(filters, id, settings, guards.get(backend), buckets, problems, metrics,
                            retries, origin)
                            .filter(rewrite, 50)
                            // springdoc writes the caller's host into "servers": the gateway's, not the backend's.
                            .preserveHostHeader())
                    .metadata(CONNECT_TIMEOUT_ATTR, (int) settings.connectTimeout().toMillis())
                    .metadata(RESPONSE_TIMEOUT_ATTR, settings.responseTimeout().toMillis())
                    .uri(uri));
        });
        return routes.build();
    }

    private static GatewayFilterSpec guarded(GatewayFilterSpec filters, String id, RouteSettings settings,
                                             BackendGuard guard, TokenBuckets buckets, Problems problems,
                                             GatewayMetrics metrics, RetryGatewayFilterFactory retries,
                                             ForwardedOriginFilter origin) {
        filters.filter(new ClientAddressFilter(), ClientAddressFilter.ORDER);
        filters.filter(origin, ForwardedOriginFilter.ORDER);
        GatewayProperties.RateLimit anonymous = settings.anonymousRateLimit();
        if (settings.rateLimit().active() || anonymous != null && anonymous.active()) {
            filters.filter(new RateLimitFilter(id, settings.rateLimit(), anonymous, buckets, problems, metrics),
                    RateLimitFilter.ORDER);
        }
        filters.filter(new RequestSizeFilter(settings.maxBodySize(), problems, metrics), RequestSizeFilter.ORDER);
        filters.filter(guard, BackendGuard.ORDER);
        GatewayProperties.Retry retry = settings.retry();
        if (retry.retries() != null && retry.retries() > 0) {
            RetryGatewayFilterFactory.RetryConfig config = new RetryGatewayFilterFactory.RetryConfig()
                    .setRetries(retry.retries())
                    .setMethods(IDEMPOTENT.toArray(HttpMethod[]::new))
                    .setSeries()
                    .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE)
                    .setExceptions(IOException.class)
                    .setBackoff(retry.firstBackoff(), retry.maxBackoff(), 2, false);
            // No route id on the config: bodies are not cached for replay (only bodiless methods are retried).
            filters.filter(retries.apply(config), 40);
        }
        return filters;
    }

    public static String docsRouteId(String backend) {
        return shortName(backend) + "-docs";
    }

    public static String docsPath(GatewayProperties.Docs docs, String backend) {
        return docs.pathPrefix() + "/" + shortName(backend);
    }

    static String shortName(String backend) {
        return backend.endsWith("-service") ? backend.substring(0, backend.length() - "-service".length()) : backend;
    }
}
