package cloud.practice.auth.clients;

import java.time.Instant;
import java.util.List;

/**
 * A client of the issuer: a machine client (client credentials, a secret) or a browser app acting for people (a
 * public client: authorization code with PKCE, no secret).
 *
 * @param clientId     the id, and the {@code sub} of its tokens
 * @param districtId   the district it acts in; null = every district (operators' tools, seeded only)
 * @param secretHash   the secret's adaptive hash; null for a public client
 * @param scopes       what it may be granted
 * @param grantTypes   {@code client_credentials} or {@code authorization_code}
 * @param redirectUris where authorization codes may go
 * @param createdAt    when it was registered
 */
public record MachineClient(String clientId, String districtId, String secretHash, List<String> scopes,
                            List<String> grantTypes, List<String> redirectUris, Instant createdAt) {

    public boolean isPublic() {
        return secretHash == null || secretHash.isBlank();
    }
}
