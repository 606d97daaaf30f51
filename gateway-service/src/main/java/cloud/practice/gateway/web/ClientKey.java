package cloud.practice.gateway.web;

import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;

/**
 * Who is calling, for rate limits, metrics and the access log. For now the {@code X-Client-Id} header (same syntax
 * as a correlation id), else the remote address. The authorisation half of issue 10 replaces the header by the
 * token's client id (machine clients) or subject (people); until then the header is a claim, not an identity.
 *
 * @param key      the rate-limit key: {@code client:<id>} or {@code addr:<ip>}
 * @param metricTag a bounded tag value for metrics: the client id, or {@code anonymous} for addresses
 * @param logValue  what the access log prints: the client id, or the address with its host part masked
 */
public record ClientKey(String key, String metricTag, String logValue) {

    public static final String HEADER = "X-Client-Id";
    public static final String ATTRIBUTE = ClientKey.class.getName();

    public static ClientKey of(ServerWebExchange exchange) {
        ClientKey cached = exchange.getAttribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        String clientId = exchange.getRequest().getHeaders().getFirst(HEADER);
        ClientKey resolved;
        if (CorrelationIdFilter.isValid(clientId)) {
            resolved = new ClientKey("client:" + clientId, clientId, clientId);
        } else {
            InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
            String address = remote == null ? "unknown"
                    : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
            resolved = new ClientKey("addr:" + address, "anonymous", "addr:" + PersonalDataMask.address(address));
        }
        exchange.getAttributes().put(ATTRIBUTE, resolved);
        return resolved;
    }
}
