package cloud.practice.gateway.web;

import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * Who is calling, for rate limits, metrics and the access log: the validated token's subject (set by
 * TokenCheckFilter) — a machine client's id or a person's user id — else, on the anonymous paths, the remote
 * address. Limits are thus per client and per user.
 *
 * @param key       the rate-limit key: {@code client:<id>}, {@code user:<id>} or {@code addr:<ip>}
 * @param metricTag a bounded tag value for metrics: the client id, {@code user} for people, {@code anonymous}
 * @param logValue  what the access log prints: the client or user id, or the address with its host part masked
 */
public record ClientKey(String key, String metricTag, String logValue) {

    public static final String ATTRIBUTE = ClientKey.class.getName();

    /** The caller named by a validated token: machine clients (role SYSTEM) by client id, people by user id. */
    public static ClientKey of(org.springframework.security.oauth2.jwt.Jwt token,
                               cloud.practice.gateway.security.TokenSettings.Claims claims) {
        String subject = String.valueOf(token.getClaims().get(claims.user()));
        Object role = token.getClaims().get(claims.role());
        if ("SYSTEM".equals(role)) {
            return new ClientKey("client:" + subject, subject, subject);
        }
        return new ClientKey("user:" + subject, "user", "user:" + subject);
    }

    public static ClientKey of(ServerWebExchange exchange) {
        ClientKey cached = exchange.getAttribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String address = address(exchange);
        ClientKey resolved = new ClientKey("addr:" + address, "anonymous", "addr:" + PersonalDataMask.address(address));
        exchange.getAttributes().put(ATTRIBUTE, resolved);
        return resolved;
    }

    /** The caller's address: the peer's, or with forwarded headers on ("native", behind the ingress) the ingress's. */
    public static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null ? "unknown"
                : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }
}
