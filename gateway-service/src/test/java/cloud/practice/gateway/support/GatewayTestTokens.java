package cloud.practice.gateway.support;

import cloud.practice.testing.TestIdentity;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.reactive.server.WebTestClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;

/**
 * Points the gateway at the test issuer and gives the test's WebTestClient a platform client's token by default
 * (a request's own Authorization header replaces it). Tests about tokens send their own.
 */
@TestConfiguration
public class GatewayTestTokens {

    public static void register(DynamicPropertyRegistry registry) {
        TestIdentity identity = TestIdentity.get();
        registry.add("practice.security.jwk-set-uri", identity::jwkSetUri);
        registry.add("practice.security.issuer", identity::issuer);
    }

    /** A machine client's token: rate limits and metrics know it by this id. */
    public static String clientToken(String clientId) {
        return TestIdentity.get().token(clientId, "SYSTEM", "cq-jiulongpo", null, TestIdentity.ALL_SCOPES);
    }

    public static String bearer(String clientId) {
        return "Bearer " + clientToken(clientId);
    }

    @Bean
    public WebTestClientBuilderCustomizer platformToken() {
        return builder -> builder.defaultHeader("Authorization", "Bearer " + TestIdentity.get().platformToken());
    }

}
