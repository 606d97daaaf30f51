package cloud.practice.gateway.web;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Refuses request targets no API of ours uses, before they reach a backend whose container would answer with its
 * own error page: over-long targets (414) and paths that decode to separators, traversal, control or markup
 * characters (400). Ids in paths are plain tokens ([A-Za-z0-9._:-], ApiFormats); query values are the services' to
 * validate.
 */
@Component
public class RequestTargetFilter implements WebFilter, Ordered {

    public static final int ORDER = CorsFilter.ORDER + 1;
    static final int MAX_TARGET = 4096;

    private final Problems problems;
    private final GatewayMetrics metrics;

    public RequestTargetFilter(Problems problems, GatewayMetrics metrics) {
        this.problems = problems;
        this.metrics = metrics;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String rawPath = exchange.getRequest().getURI().getRawPath();
        String rawQuery = exchange.getRequest().getURI().getRawQuery();
        int length = rawPath.length() + (rawQuery == null ? 0 : rawQuery.length() + 1);
        if (length > MAX_TARGET) {
            metrics.rejected(exchange, "uri-too-long");
            return problems.write(exchange, HttpStatus.URI_TOO_LONG, "uri-too-long",
                    "The request target is longer than " + MAX_TARGET + " characters", Map.of());
        }
        String refusal = refusal(rawPath);
        if (refusal != null) {
            metrics.rejected(exchange, "invalid-path");
            return problems.write(exchange, HttpStatus.BAD_REQUEST, "invalid-path",
                    "The path is not one of this API's: " + refusal, Map.of());
        }
        return chain.filter(exchange);
    }

    /** Why the raw path is refused, or null. */
    static String refusal(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded;
            try {
                decoded = java.net.URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "malformed percent-encoding";
            }
            if (decoded.equals("..") || decoded.equals(".")) {
                return "dot segment";
            }
            for (int i = 0; i < decoded.length(); i++) {
                char c = decoded.charAt(i);
                // U+FFFD: what the decoder makes of bytes that are not UTF-8
                if (c < 0x20 || c == 0x7f || c == '\uFFFD' || "/\\<>\"'`;%{}|^".indexOf(c) >= 0) {
                    return "character U+" + String.format("%04X", (int) c) + " in a path segment";
                }
            }
        }
        return null;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
