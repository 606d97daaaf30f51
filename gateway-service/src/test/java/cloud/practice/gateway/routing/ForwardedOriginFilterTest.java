package cloud.practice.gateway.routing;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind the ingress (forwarded headers "native"), the request the gateway sees already carries the public scheme and
 * host; the prefix the ingress mounts the platform below is passed on. Without a proxy in front, only the gateway's own
 * origin goes on.
 */
class ForwardedOriginFilterTest {

    @Test
    void shouldPassThePublicOriginAndTheIngressPrefixOnBehindTheIngress() {
        HttpHeaders sent = forward(true, MockServerHttpRequest.get("https://practice.example.org/open311/v2/discovery.json")
                .header("X-Forwarded-Prefix", "/city").header("X-Forwarded-Host", "practice.example.org"));

        assertThat(sent.getFirst("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(sent.getFirst("X-Forwarded-Host")).isEqualTo("practice.example.org");
        assertThat(sent.getFirst("X-Forwarded-Port")).isEqualTo("443");
        assertThat(sent.getFirst("X-Forwarded-Prefix")).isEqualTo("/city");
    }

    @Test
    void shouldSendOnlyItsOwnOriginWithoutAProxyInFront() {
        HttpHeaders sent = forward(false, MockServerHttpRequest.get("http://10.0.0.5:8080/open311/v2/discovery.json")
                .header("X-Forwarded-Prefix", "/evil").header("X-Forwarded-Host", "phish.example.org")
                .header("X-Forwarded-Proto", "https"));

        assertThat(sent.getFirst("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(sent.getFirst("X-Forwarded-Host")).isEqualTo("10.0.0.5:8080");
        assertThat(sent.getFirst("X-Forwarded-Port")).isEqualTo("8080");
        assertThat(sent.get("X-Forwarded-Prefix")).isNull();
        assertThat(sent.get("X-Forwarded-Host")).hasSize(1);
    }

    private static HttpHeaders forward(boolean behindProxy, MockServerHttpRequest.BaseBuilder<?> request) {
        AtomicReference<HttpHeaders> passed = new AtomicReference<>();
        new ForwardedOriginFilter(behindProxy).filter(MockServerWebExchange.from(request), exchange -> {
            passed.set(exchange.getRequest().getHeaders());
            return Mono.empty();
        }).block();
        return passed.get();
    }
}
