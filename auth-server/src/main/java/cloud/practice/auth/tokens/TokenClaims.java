package cloud.practice.auth.tokens;

import cloud.practice.auth.clients.StoredClientRepository;
import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.Accounts;
import cloud.practice.auth.roles.Standing;
import cloud.practice.auth.roles.Standings;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Puts the platform's claims into every token (the names the services read by default, see service-support's
 * SecuritySettings) and decides whether a refresh may go on.
 *
 * <ul>
 *   <li><b>Machine clients</b>: {@code practice_role=SYSTEM}, {@code practice_district} when the client is bound to
 *       one, their granted scopes (all of them when they asked for none, as an Open311 api_key exchange does).</li>
 *   <li><b>People</b>: {@code sub} = the account id; role, unit, {@code practice_grant=manager} and
 *       {@code practice_volunteer} as {@link cloud.practice.auth.roles.RoleDerivation} derives them from the directory
 *       <em>now</em>; {@code practice_district}; the requested scopes cut to {@code Scopes.forRole(role)}.</li>
 *   <li><b>A city's analyst</b>: {@code practice_role=CITY_ANALYST} and {@code practice_city}, and nothing of a
 *       district ({@code practice_district}, {@code practice_unit}, {@code practice_volunteer},
 *       {@code practice_grant} absent, as the services require of the role); scopes cut to the role's
 *       ({@code reports:read}).</li>
 *   <li><b>Refresh stops</b> ({@code invalid_grant}) when the account is no longer active, or when the authorization
 *       was issued for a unit-scoped role (staff or a tree grant) and that role or unit no longer holds — a manager
 *       the tree revoked, a disabled admin, a moved staff account log in again; likewise a city's analyst whose
 *       authorization was issued for another city. A person without such a role
 *       refreshes into whatever they are now (a resident linked as a volunteer gets the volunteer's token).</li>
 * </ul>
 */
public final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    private final Accounts accounts;
    private final Standings standings;
    private final String audience;

    public TokenClaims(Accounts accounts, Standings standings, String audience) {
        this.accounts = accounts;
        this.standings = standings;
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
            context.getClaims().claim("practice_role", Role.SYSTEM.name());
            String district = context.getRegisteredClient().getClientSettings().getSetting(StoredClientRepository.DISTRICT);
            if (district != null && !district.isBlank()) {
                context.getClaims().claim("practice_district", district);
            }
            Set<String> scopes = context.getAuthorizedScopes().isEmpty()
                    ? context.getRegisteredClient().getScopes() : context.getAuthorizedScopes();
            context.getClaims().claim("scope", String.join(" ", scopes));
        } else {
            Account account = accounts.byId(context.getPrincipal().getName())
                    .orElseThrow(() -> refused("the account no longer exists"));
            Standing standing = standings.of(account).orElseThrow(() -> refused("the account is not active"));
            if (accessToken && AuthorizationGrantType.REFRESH_TOKEN.equals(context.getAuthorizationGrantType())) {
                checkStillHolds(context.getAuthorization(), standing);
            }
            context.getClaims().claim("practice_role", standing.role().name());
            if (standing.cityId() != null) {
                context.getClaims().claim("practice_city", standing.cityId());
            } else {
                context.getClaims().claim("practice_district", account.districtId());
            }
            if (standing.unitId() != null) {
                context.getClaims().claim("practice_unit", standing.unitId());
            }
            if (standing.treeGrant()) {
                context.getClaims().claim("practice_grant", "manager");
            }
            if (standing.volunteerId() != null) {
                context.getClaims().claim("practice_volunteer", standing.volunteerId());
            }
            if (accessToken) {
                Set<String> scopes = new LinkedHashSet<>(context.getAuthorizedScopes());
                scopes.retainAll(Scopes.forRole(standing.role()));
                context.getClaims().claim("scope", String.join(" ", scopes));
            }
        }
        if (accessToken) {
            context.getClaims().audience(List.of(audience));
        }
    }

    /** The role and unit the authorization's last access token carried must still be the person's, if unit-scoped. */
    private static void checkStillHolds(OAuth2Authorization authorization, Standing now) {
        Map<String, Object> before = Optional.ofNullable(authorization)
                .map(OAuth2Authorization::getAccessToken).map(OAuth2Authorization.Token::getClaims).orElse(Map.of());
        Optional<Role> roleBefore = Role.parse(Objects.toString(before.get("practice_role"), null));
        if (roleBefore.isEmpty()) {
            throw refused("the authorization carries no role");
        }
        if (roleBefore.get().needsUnit() && (roleBefore.get() != now.role()
                || !Objects.equals(before.get("practice_unit"), now.unitId()))) {
            throw refused("the role this authorization was issued for no longer holds; log in again");
        }
        boolean cityScoped = roleBefore.get() == Role.CITY_ANALYST || now.role() == Role.CITY_ANALYST;
        if (cityScoped && (roleBefore.get() != now.role()
                || !Objects.equals(before.get("practice_city"), now.cityId()))) {
            throw refused("the city this authorization was issued for no longer holds; log in again");
        }
    }

    private static OAuth2AuthenticationException refused(String why) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, why, null));
    }
}
