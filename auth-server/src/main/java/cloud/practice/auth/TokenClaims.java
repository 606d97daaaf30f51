package cloud.practice.auth;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts the platform's claims into every token (the names the services read by default, see service-support's
 * SecuritySettings): {@code practice_role}, {@code practice_district}, {@code practice_unit}, the platform audience,
 * and the scopes — a machine client's granted scopes (all of them when it asked for none, as an Open311 api_key
 * exchange does), a person's requested scopes cut down to what their role may have.
 */
final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final Directory directory;
    private final String audience;

    TokenClaims(Directory directory, String audience) {
        this.directory = directory;
        this.audience = audience;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
        if (!accessToken && !idToken) {
            return;
        }
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            AuthSettings.Client client = directory.client(context.getRegisteredClient().getClientId()).orElseThrow();
            context.getClaims().claim("practice_role", "SYSTEM");
            if (client.district() != null && !client.district().isBlank()) {
                context.getClaims().claim("practice_district", client.district());
            }
            Set<String> scopes = context.getAuthorizedScopes().isEmpty()
                    ? context.getRegisteredClient().getScopes() : context.getAuthorizedScopes();
            context.getClaims().claim("scope", String.join(" ", scopes));
        } else {
            AuthSettings.User user = directory.user(context.getPrincipal().getName()).orElseThrow();
            context.getClaims().claim("practice_role", user.role());
            context.getClaims().claim("practice_district", user.district());
            if (user.unit() != null) {
                context.getClaims().claim("practice_unit", user.unit());
            }
            if (accessToken) {
                Set<String> scopes = new LinkedHashSet<>(context.getAuthorizedScopes());
                scopes.retainAll(user.scopes() == null ? List.of() : user.scopes());
                context.getClaims().claim("scope", String.join(" ", scopes));
            }
        }
        if (accessToken) {
            context.getClaims().audience(List.of(audience));
        }
    }
}
