package cloud.practice.gateway.routing;

import cloud.practice.gateway.resilience.Failures;
import cloud.practice.gateway.web.GatewayMetrics;
import cloud.practice.gateway.web.Problems;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Request bodies above the route's limit get 413 problem+json {@code payload-too-large}: at once when
 * {@code Content-Length} says so (the backend is never called), and for chunked bodies as soon as the streamed bytes
 * pass the limit (the backend call is abandoned mid-body, so it cannot act on a truncated request).
 */
public final class RequestSizeFilter implements GatewayFilter, Ordered {

    public static final int ORDER = 20;

    private final DataSize limit;
    private final Problems problems;
    private final GatewayMetrics metrics;

    public RequestSizeFilter(DataSize limit, Problems problems, GatewayMetrics metrics) {
        this.limit = limit;
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        long max = limit.toBytes();
        if (declared > max) {
            return tooLarge(exchange);
        }
        if (declared >= 0 || !hasChunkedBody(exchange.getRequest())) {
            return chain.filter(exchange);
        }
        AtomicLong seen = new AtomicLong();
        ServerHttpRequest counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return super.getBody().map(buffer -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        throw new BodyTooLarge();
                    }
                    return buffer;
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build())
                .onErrorResume(error -> Failures.causedBy(error, BodyTooLarge.class), error -> tooLarge(exchange));
    }

    private static boolean hasChunkedBody(ServerHttpRequest request) {
        String encoding = request.getHeaders().getFirst("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked");
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        metrics.rejected(exchange, "payload-too-large");
        return problems.write(exchange, HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large",
                "The request body exceeds " + limit.toBytes() + " bytes", Map.of("maxBytes", limit.toBytes()));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Raised inside the body stream when it passes the limit. */
    static final class BodyTooLarge extends RuntimeException implements Failures.ClientFault {

        BodyTooLarge() {
            super("request body too large", null, false, false);
        }
    }
}
