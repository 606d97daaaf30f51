package cloud.practice.gateway.web;

import cloud.practice.gateway.config.GatewayProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsUtils;
import org.springframework.web.cors.reactive.DefaultCorsProcessor;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * CORS for the configured browser origins (PC, mobile and TV front ends; {@code PRACTICE_CORS_ORIGINS},
 * comma-separated). Preflights are answered here and never reach a backend; a cross-origin request or preflight
 * from any other origin gets 403 problem+json {@code cors-origin-refused}. Bearer tokens, not cookies: no
 * credentials mode.
 */
@Component
public class CorsFilter implements WebFilter, Ordered {

    public static final int ORDER = AccessLogFilter.ORDER + 1;

    private final CorsConfiguration configuration;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final Problems problems;
    private final GatewayMetrics metrics;

    public CorsFilter(GatewayProperties properties, Problems problems, GatewayMetrics metrics) {
        this.problems = problems;
        this.metrics = metrics;
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "Idempotency-Key",
                CorrelationIdFilter.HEADER));
        cors.setExposedHeaders(List.of(CorrelationIdFilter.HEADER, HttpHeaders.ETAG, HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        this.configuration = cors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!CorsUtils.isCorsRequest(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        boolean allowed = processor.process(configuration, exchange);
        if (!allowed) {
            metrics.rejected(exchange, "cors-origin-refused");
            String origin = exchange.getRequest().getHeaders().getOrigin();
            return problems.write(exchange, HttpStatus.FORBIDDEN, "cors-origin-refused",
                    "Cross-origin requests from this origin are not allowed", Map.of("origin", String.valueOf(origin)));
        }
        if (CorsUtils.isPreFlightRequest(exchange.getRequest())) {
            exchange.getResponse().setStatusCode(HttpStatus.OK);
            return Mono.empty();
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
