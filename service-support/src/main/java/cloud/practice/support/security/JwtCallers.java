package cloud.practice.support.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Maps a validated JWT onto a {@link Caller} with the configured claim names. A token without a known role, or
 * whose scoped role lacks its district or unit, is refused (401): an identity we cannot scope must not act.
 */
public final class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}");

    private final SecuritySettings.Claims claims;
    private final WithdrawnGrants withdrawn;

    public JwtCallers(SecuritySettings.Claims claims) {
        this(claims, WithdrawnGrants.NONE);
    }

    /** @param withdrawn the tree's revoked manager grants: a token whose tree-granted role was revoked is refused */
    public JwtCallers(SecuritySettings.Claims claims, WithdrawnGrants withdrawn) {
        this.claims = claims;
        this.withdrawn = withdrawn;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        return new CallerAuthentication(caller(jwt), jwt);
    }

    Caller caller(Jwt jwt) {
        String user = jwt.getClaimAsString(claims.user());
        if (user == null || !ID.matcher(user).matches()) {
            throw invalid("claim '" + claims.user() + "' is missing or not an id");
        }
        Role role = role(jwt.getClaim(claims.role()))
                .orElseThrow(() -> invalid("claim '" + claims.role() + "' names no known role"));
        String district = optionalId(jwt, claims.district());
        String unit = optionalId(jwt, claims.unit());
        String city = optionalId(jwt, claims.city());
        if (role == Role.CITY_ANALYST) {
            return cityAnalyst(jwt, user, district, unit, city);
        }
        if (city != null) {
            throw invalid("claim '" + claims.city() + "' is for role CITY_ANALYST only");
        }
        if (role != Role.SYSTEM && district == null) {
            throw invalid("role " + role + " needs claim '" + claims.district() + "'");
        }
        if (role.needsUnit() && unit == null) {
            throw invalid("role " + role + " needs claim '" + claims.unit() + "'");
        }
        String volunteer = optionalId(jwt, claims.volunteer());
        if (role.isVolunteer() && volunteer == null) {
            throw invalid("role " + role + " needs claim '" + claims.volunteer() + "'");
        }
        String grant = jwt.getClaimAsString(claims.grant());
        boolean treeGrant = "manager".equals(grant);
        if (grant != null && !treeGrant) {
            throw invalid("claim '" + claims.grant() + "' names no known grant");
        }
        if (treeGrant && (unit == null || district == null)) {
            throw invalid("a grant of the tree needs claims '" + claims.district() + "' and '" + claims.unit() + "'");
        }
        if (treeGrant && withdrawn.isWithdrawn(district, unit, user)) {
            throw invalid("the tree no longer lists " + user + " as manager of " + unit + "; log in again");
        }
        return new Caller(user, role, district, unit, scopes(jwt), volunteer, treeGrant);
    }

    /** A city's analyst: the city and nothing of a district (no district, unit, volunteer or tree grant). */
    private Caller cityAnalyst(Jwt jwt, String user, String district, String unit, String city) {
        if (city == null) {
            throw invalid("role CITY_ANALYST needs claim '" + claims.city() + "'");
        }
        if (district != null || unit != null || jwt.getClaimAsString(claims.volunteer()) != null
                || jwt.getClaimAsString(claims.grant()) != null) {
            throw invalid("role CITY_ANALYST belongs to no district: claims '" + claims.district() + "', '"
                    + claims.unit() + "', '" + claims.volunteer() + "' and '" + claims.grant() + "' must be absent");
        }
        return new Caller(user, Role.CITY_ANALYST, null, null, scopes(jwt), null, false, city);
    }

    private static Optional<Role> role(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).map(Role::parse).flatMap(Optional::stream).findFirst();
        }
        return claim == null ? Optional.empty() : Role.parse(String.valueOf(claim));
    }

    private static String optionalId(Jwt jwt, String claim) {
        String value = jwt.getClaimAsString(claim);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ID.matcher(value).matches()) {
            throw invalid("claim '" + claim + "' is not an id");
        }
        return value;
    }

    private static Set<String> scopes(Jwt jwt) {
        Set<String> scopes = new LinkedHashSet<>();
        Object scope = jwt.getClaim("scope");
        if (scope instanceof String text) {
            scopes.addAll(List.of(text.trim().split("\\s+")));
        } else if (scope instanceof Collection<?> values) {
            values.forEach(value -> scopes.add(String.valueOf(value)));
        }
        if (jwt.getClaim("scp") instanceof Collection<?> values) {
            values.forEach(value -> scopes.add(String.valueOf(value)));
        }
        scopes.remove("");
        return scopes;
    }

    private static InvalidBearerTokenException invalid(String why) {
        return new InvalidBearerTokenException("The token does not identify a caller: " + why);
    }
}
