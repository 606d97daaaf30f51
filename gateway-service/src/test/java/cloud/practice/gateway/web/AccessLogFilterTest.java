package cloud.practice.gateway.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogFilterTest {

    @Test
    void shouldLogQueryParameterNamesButNeverTheirValues() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .get("/api/v1/requests?requester=13812345678&address=九龙坡区盘龙社区&status=open")
                .remoteAddress(new InetSocketAddress("203.0.113.7", 5000)));
        exchange.getAttributes().put(CorrelationIdFilter.ATTRIBUTE, "c-1");

        String line = AccessLogFilter.line(exchange, 200, 2_500_000, null);

        assertThat(line).isEqualTo("GET /api/v1/requests?requester=&address=&status= 200 2.5ms route=unrouted "
                + "client=addr:203.0.113.x cid=c-1");
    }

    @Test
    void shouldNeverLetAParameterNameForgeALogLine() {
        // names stay percent-encoded as sent (WebFlux does not decode them); printable() guards the rest
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest
                .get("/api/v1/requests?a%0AGET%20/admin%20200=1"));
        exchange.getAttributes().put(CorrelationIdFilter.ATTRIBUTE, "c-2");
        exchange.getAttributes().put(ClientKey.ATTRIBUTE, new ClientKey("client:app-1", "app-1", "app-1"));

        String line = AccessLogFilter.line(exchange, 429, 1_000_000, "rate-limited");

        assertThat(line).doesNotContain("\n").contains("?a%0AGET%20/admin%20200= 429 ", "client=app-1", "reason=rate-limited");
    }
}
