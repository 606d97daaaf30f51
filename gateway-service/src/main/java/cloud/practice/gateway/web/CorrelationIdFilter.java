package cloud.practice.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Every request gets a correlation id: the caller's {@code X-Correlation-Id} when it is at most 64 characters of
 * {@code [A-Za-z0-9._-]}, else a new UUID (a bad or hostile value is replaced, never echoed). The backend receives it
 * in the same header and the caller gets it back on the response, whatever the backend sent.
 */
@Component
public class CorrelationIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Correlation-Id";
    public static final String ATTRIBUTE = CorrelationIdFilter.class.getName();
    /** First: everything after it (CORS refusals, rate limits, the access log) can name the id. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String given = exchange.getRequest().getHeaders().getFirst(HEADER);
        String id = isValid(given) ? given : UUID.randomUUID().toString();
        exchange.getAttributes().put(ATTRIBUTE, id);
        ServerHttpRequest request = exchange.getRequest().mutate()
                .headers(headers -> headers.set(HEADER, id)).build();
        ServerWebExchange mutated = exchange.mutate().request(request).build();
        // Set just before commit: backend response headers are copied in after this filter ran.
        mutated.getResponse().beforeCommit(() -> {
            mutated.getResponse().getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        return chain.filter(mutated);
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
