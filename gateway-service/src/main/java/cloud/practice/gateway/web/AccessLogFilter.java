package cloud.practice.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One access-log line per request (logger {@code cloud.practice.gateway.access}) and the request meters:
 * <pre>
 * GET /api/v1/requests?status=&amp;district= 200 3.2ms route=request client=app-42 cid=7f1c… [reason=…]
 * </pre>
 * The path is logged with phone and ID numbers masked ({@link PersonalDataMask}); of the query only parameter
 * names, never values (they may carry names, phone numbers, addresses). A request the client gave up on is logged
 * with status 499.
 */
@Component
public class AccessLogFilter implements WebFilter, Ordered {

    public static final int ORDER = CorrelationIdFilter.ORDER + 1;
    private static final Logger ACCESS = LoggerFactory.getLogger("cloud.practice.gateway.access");

    private final GatewayMetrics metrics;

    public AccessLogFilter(GatewayMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> {
            long nanos = System.nanoTime() - start;
            HttpStatusCode code = exchange.getResponse().getStatusCode();
            int status = signal == SignalType.CANCEL ? 499 : code == null ? 200 : code.value();
            String reason = exchange.getAttribute(RejectionReason.ATTRIBUTE);
            metrics.request(exchange, status, nanos);
            if (ACCESS.isInfoEnabled()) {
                ACCESS.info(line(exchange, status, nanos, reason));
            }
        });
    }

    static String line(ServerWebExchange exchange, int status, long nanos, String reason) {
        StringBuilder line = new StringBuilder(160)
                .append(exchange.getRequest().getMethod().name()).append(' ')
                .append(PersonalDataMask.mask(exchange.getRequest().getPath().value()));
        var params = exchange.getRequest().getQueryParams();
        if (!params.isEmpty()) {
            line.append('?');
            boolean first = true;
            for (String name : params.keySet()) {
                if (!first) {
                    line.append('&');
                }
                line.append(PersonalDataMask.mask(printable(name))).append('=');
                first = false;
            }
        }
        line.append(' ').append(status).append(' ')
                .append(nanos / 1_000_000).append('.').append(nanos / 100_000 % 10).append("ms")
                .append(" route=").append(GatewayMetrics.routeId(exchange))
                .append(" client=").append(ClientKey.of(exchange).logValue())
                .append(" cid=").append((String) exchange.getAttribute(CorrelationIdFilter.ATTRIBUTE));
        if (reason != null) {
            line.append(" reason=").append(reason);
        }
        return line.toString();
    }

    /** Decoded parameter names may hold anything: no control characters (forged log lines), at most 64 chars. */
    static String printable(String text) {
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        return cut.replaceAll("[\\p{Cntrl}\\s]", "_");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
