package cloud.practice.gateway.routing;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Backends that write URLs about themselves (Open311's discovery, ADR 0012) learn the public origin the caller used
 * from {@code X-Forwarded-Proto}, {@code X-Forwarded-Host} and {@code X-Forwarded-Port}, which the gateway sets from
 * the request as it received it — behind the ingress ({@code forward-headers-strategy: native}) that is already the
 * ingress's public scheme and host. {@code X-Forwarded-Prefix} (a path the ingress mounts the platform below) is
 * passed on only behind the ingress; elsewhere a caller's own is dropped, as is every caller-made value of the others.
 */
public final class ForwardedOriginFilter implements GatewayFilter, Ordered {

    public static final int ORDER = 6;
    static final String PROTO = "X-Forwarded-Proto";
    static final String HOST = "X-Forwarded-Host";
    static final String PORT = "X-Forwarded-Port";
    static final String PREFIX = "X-Forwarded-Prefix";

    private final boolean behindProxy;

    /** @param behindProxy whether the proxy in front is trusted to set the prefix (forwarded headers "native") */
    public ForwardedOriginFilter(boolean behindProxy) {
        this.behindProxy = behindProxy;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        URI origin = exchange.getRequest().getURI();
        String scheme = origin.getScheme() == null ? "http" : origin.getScheme();
        int port = origin.getPort() >= 0 ? origin.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
        String host = origin.getHost();
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            String prefix = behindProxy ? headers.getFirst(PREFIX) : null;
            headers.remove(PREFIX);
            if (host == null) {
                headers.remove(PROTO);
                headers.remove(HOST);
                headers.remove(PORT);
            } else {
                headers.set(PROTO, scheme);
                headers.set(HOST, origin.getPort() >= 0 ? host + ":" + origin.getPort() : host);
                headers.set(PORT, Integer.toString(port));
            }
            if (prefix != null && !prefix.isBlank()) {
                headers.set(PREFIX, prefix);
            }
        })).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
