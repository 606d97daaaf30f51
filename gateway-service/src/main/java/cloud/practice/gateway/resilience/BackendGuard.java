package cloud.practice.gateway.resilience;

import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Guards one backend for a route: a bulkhead (at most N calls in flight to the backend, no queue: a full bulkhead
 * answers at once) around a Resilience4j circuit breaker (open after enough failures: answers at once without
 * calling). Retries run inside, so a call and its retries hold one permit and count once.
 *
 * <p>Outcomes counted as failures: no connection, a connection reset, a response timeout, and a 502/503/504 from the
 * backend. Other statuses are the backend speaking, not failing (a 500 from one bad request must not cut off a
 * whole service).
 *
 * <p>Answers of the gateway itself, all problem+json naming the service:
 * <ul>
 *   <li>503 {@code service-unavailable}: the breaker is open (with {@code Retry-After}), or no connection could be made
 *   — the backend certainly did not act on the request;</li>
 *   <li>503 {@code service-busy}: the bulkhead is full;</li>
 *   <li>504 {@code upstream-timeout}: connected, but no answer within the route's response timeout — the request may
 *   have been carried out (the client should retry only with an idempotency key or after reading);</li>
 *   <li>502 {@code bad-gateway}: the connection broke after the request was sent — outcome unknown as well.</li>
 * </ul>
 *
 * <p>A call is done, for the bulkhead and the breaker, once the backend's response has begun (its status and
 * headers arrived): the gateway's response writer runs outside this filter (order -1), so the body is copied to the
 * client after the permit is returned and the outcome recorded. This is what lets a stream (server-sent events,
 * the live queue of ADR 0018) stay open for minutes without holding a permit or counting as a slow call
 * ({@code GatewayStreamingIT}); keep this filter inside the response writer.
 */
public final class BackendGuard implements GatewayFilter, Ordered {

    public static final int ORDER = 30;
    private static final Set<Integer> FAILURE_STATUSES = Set.of(502, 503, 504);

    private final String service;
    private final CircuitBreaker breaker;
    private final Bulkhead bulkhead;
    private final Problems problems;
    private final GatewayMetrics metrics;

    public BackendGuard(String service, CircuitBreaker breaker, Bulkhead bulkhead, Problems problems,
                        GatewayMetrics metrics) {
        this.service = service;
        this.breaker = breaker;
        this.bulkhead = bulkhead;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!bulkhead.tryAcquirePermission()) {
            metrics.rejected(exchange, "service-busy");
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-busy",
                    service + " has too many requests in progress; try again shortly",
                    Map.of("service", service, "maxConcurrentCalls",
                            bulkhead.getBulkheadConfig().getMaxConcurrentCalls()), Duration.ofSeconds(1));
        }
        if (!breaker.tryAcquirePermission()) {
            bulkhead.onComplete();
            metrics.rejected(exchange, "service-unavailable");
            Duration wait = Duration.ofMillis(Math.max(1000,
                    breaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1)));
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    service + " is unavailable (circuit open after repeated failures); try again later",
                    Map.of("service", service, "reason", "circuit-open"), wait);
        }
        long start = breaker.getCurrentTimestamp();
        AtomicBoolean recorded = new AtomicBoolean();
        return chain.filter(exchange)
                .doOnSuccess(done -> {
                    if (recorded.compareAndSet(false, true)) {
                        HttpStatusCode status = exchange.getResponse().getStatusCode();
                        long elapsed = breaker.getCurrentTimestamp() - start;
                        if (status != null && FAILURE_STATUSES.contains(status.value())) {
                            breaker.onError(elapsed, breaker.getTimestampUnit(), new BackendStatusException(status));
                        } else {
                            breaker.onSuccess(elapsed, breaker.getTimestampUnit());
                        }
                    }
                })
                .onErrorResume(error -> {
                    if (Failures.causedBy(error, Failures.ClientFault.class)) {
                        if (recorded.compareAndSet(false, true)) {
                            breaker.releasePermission();
                        }
                        return Mono.error(error);
                    }
                    if (recorded.compareAndSet(false, true)) {
                        breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), error);
                    }
                    return answer(exchange, error);
                })
                .doFinally(signal -> {
                    if (recorded.compareAndSet(false, true)) {
                        // Cancelled by the client: neither success nor failure of the backend.
                        breaker.releasePermission();
                    }
                    bulkhead.onComplete();
                });
    }

    private Mono<Void> answer(ServerWebExchange exchange, Throwable error) {
        if (isTimeout(error)) {
            metrics.rejected(exchange, "upstream-timeout");
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "upstream-timeout",
                    service + " did not answer in time; the request may or may not have been carried out",
                    Map.of("service", service));
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, io.netty.channel.ConnectTimeoutException.class)) {
            metrics.rejected(exchange, "service-unavailable");
            return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                    service + " is unavailable (no connection); try again later",
                    Map.of("service", service, "reason", "connection-failed"), Duration.ofSeconds(1));
        }
        if (causedBy(error, IOException.class)) {
            metrics.rejected(exchange, "bad-gateway");
            return problems.write(exchange, HttpStatus.BAD_GATEWAY, "bad-gateway",
                    service + " closed the connection before answering; the request may or may not have been carried out",
                    Map.of("service", service));
        }
        // Errors of our own filters (413 while streaming the body...) are answered by whoever raised them.
        return Mono.error(error);
    }

    static boolean isTimeout(Throwable error) {
        if (error instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return true;
        }
        return causedBy(error, java.util.concurrent.TimeoutException.class)
                || causedBy(error, org.springframework.cloud.gateway.support.TimeoutException.class)
                || causedBy(error, io.netty.handler.timeout.ReadTimeoutException.class);
    }

    static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return Failures.causedBy(error, type);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public String toString() {
        return "BackendGuard[" + service + "]";
    }

    /** A 502/503/504 answer recorded as a failure by the breaker. */
    static final class BackendStatusException extends RuntimeException {

        BackendStatusException(HttpStatusCode status) {
            super("backend answered " + status.value(), null, false, false);
        }
    }
}
