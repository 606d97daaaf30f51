package cloud.practice.auth.clients;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import java.time.Duration;

/**
 * The authorization server's clients, read from the store at every use: a rotated secret holds at once, a revoked
 * client is unknown at once (tokens it already has run out with their lifetime). Machine clients authenticate with
 * client_secret_basic or client_secret_post; public clients must use PKCE; the client's district travels in its
 * settings ({@link #DISTRICT}) to the token claims.
 */
public class StoredClientRepository implements RegisteredClientRepository {

    /** The client setting carrying the district a machine client is bound to (absent = every district). */
    public static final String DISTRICT = "practice.district";

    private final MachineClients clients;
    private final Duration accessTokenTtl;

    public StoredClientRepository(MachineClients clients, Duration accessTokenTtl) {
        this.clients = clients;
        this.accessTokenTtl = accessTokenTtl;
    }

    /** Only a re-encoded secret (the password encoder upgrading a hash) is ever saved back; clients come via the API. */
    @Override
    public void save(RegisteredClient registeredClient) {
        clients.byId(registeredClient.getClientId()).ifPresent(client -> {
            if (registeredClient.getClientSecret() != null) {
                clients.setSecret(client.clientId(), registeredClient.getClientSecret());
            }
        });
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return clientId == null ? null : clients.byId(clientId).map(this::registered).orElse(null);
    }

    private RegisteredClient registered(MachineClient client) {
        ClientSettings.Builder settings = ClientSettings.builder().requireProofKey(client.isPublic())
                .requireAuthorizationConsent(false);
        if (client.districtId() != null) {
            settings.setting(DISTRICT, client.districtId());
        }
        RegisteredClient.Builder builder = RegisteredClient.withId(client.clientId())
                .clientId(client.clientId())
                .clientIdIssuedAt(client.createdAt())
                .scopes(scopes -> scopes.addAll(client.scopes()))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTokenTtl).build())
                .clientSettings(settings.build());
        if (client.isPublic()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        } else {
            builder.clientSecret(client.secretHash())
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        }
        for (String grant : client.grantTypes()) {
            builder.authorizationGrantType(new AuthorizationGrantType(grant));
            if (grant.equals(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
                builder.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN).scope("openid");
            }
        }
        client.redirectUris().forEach(builder::redirectUri);
        return builder.build();
    }
}
