package cloud.practice.auth.clients;

import cloud.practice.auth.StandInStore;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The authorization server sees the store as it is now: a rotated secret at once, a revoked client never again. */
class StoredClientRepositoryTest {

    final MachineClients clients = new MachineClients(StandInStore.freshDatabase());
    final StoredClientRepository repository = new StoredClientRepository(clients, Duration.ofMinutes(10));
    final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    @Test
    void shouldUseTheRotatedSecretAtOnceAndForgetARevokedClient() {
        assertThat(clients.register(new MachineClient("hotline-2", "jlp", encoder.encode("first"),
                List.of("requests:write"), List.of("client_credentials"), List.of(), Instant.now()))).isTrue();
        assertThat(clients.register(new MachineClient("hotline-2", "jlp", encoder.encode("again"),
                List.of("requests:write"), List.of("client_credentials"), List.of(), Instant.now())))
                .as("an id once").isFalse();
        RegisteredClient registered = repository.findByClientId("hotline-2");
        assertThat(encoder.matches("first", registered.getClientSecret())).isTrue();
        assertThat(registered.getClientSettings().<String>getSetting(StoredClientRepository.DISTRICT)).isEqualTo("jlp");
        assertThat(registered.getAuthorizationGrantTypes()).containsExactly(AuthorizationGrantType.CLIENT_CREDENTIALS);
        assertThat(registered.getClientAuthenticationMethods()).containsExactlyInAnyOrder(
                ClientAuthenticationMethod.CLIENT_SECRET_BASIC, ClientAuthenticationMethod.CLIENT_SECRET_POST);

        clients.setSecret("hotline-2", encoder.encode("second"));
        RegisteredClient rotated = repository.findByClientId("hotline-2");
        assertThat(encoder.matches("first", rotated.getClientSecret())).as("the old secret stops").isFalse();
        assertThat(encoder.matches("second", rotated.getClientSecret())).isTrue();

        assertThat(clients.remove("hotline-2")).isTrue();
        assertThat(repository.findByClientId("hotline-2")).as("revoked: unknown to the token endpoint").isNull();
        assertThat(repository.findById("hotline-2")).isNull();
    }

    @Test
    void shouldMakePublicClientsUsePkceWithRefreshAndOpenid() {
        clients.register(new MachineClient("console", null, null, List.of("requests:read"),
                List.of("authorization_code"), List.of("http://127.0.0.1/cb"), Instant.now()));
        RegisteredClient console = repository.findByClientId("console");
        assertThat(console.getClientSettings().isRequireProofKey()).isTrue();
        assertThat(console.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
        assertThat(console.getScopes()).contains("openid", "requests:read");
        assertThat(console.getClientSettings().<String>getSetting(StoredClientRepository.DISTRICT)).isNull();
    }
}
