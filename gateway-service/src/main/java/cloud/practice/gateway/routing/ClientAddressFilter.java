package cloud.practice.gateway.routing;

import cloud.practice.gateway.web.ClientKey;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Backends learn the caller's address from {@code X-Forwarded-For}, which the gateway sets to the one address it
 * determined itself ({@link ClientKey#address}) — never what the caller sent, which is dropped with any
 * {@code Forwarded} header. The issuer's brake on guessing counts failures by this address when it trusts the gateway
 * as a proxy; were a caller's own header passed on, a guesser could pick a fresh address for every attempt.
 */
public final class ClientAddressFilter implements GatewayFilter, Ordered {

    public static final int ORDER = 5;
    static final String X_FORWARDED_FOR = "X-Forwarded-For";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        String address = ClientKey.address(exchange);
        return chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
            headers.remove("Forwarded");
            headers.set(X_FORWARDED_FOR, address);
        })).build());
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
