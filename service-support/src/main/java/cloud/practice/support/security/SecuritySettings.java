package cloud.practice.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How a service validates bearer tokens ({@code practice.security.*}). Locally the issuer is the platform's own
 * auth-server; in production it is any OIDC provider, with the claim names mapped here (docs/security.md).
 *
 * @param jwkSetUri the issuer's JWKS endpoint (keys are fetched lazily and cached)
 * @param issuer    the expected {@code iss}; empty skips the check (not recommended outside tests)
 * @param audience  the expected entry in {@code aud}
 * @param grantUri  the issuer's token endpoint, where Open311 {@code api_key}s are exchanged (client
 *                  credentials grant)
 * @param clockSkew tolerance on {@code exp}/{@code nbf}
 * @param claims    which claims carry the caller's identity
 */
@ConfigurationProperties("practice.security")
public record SecuritySettings(
        @DefaultValue("http://localhost:9000/oauth2/jwks") String jwkSetUri,
        @DefaultValue("http://localhost:9000") String issuer,
        @DefaultValue("practice-cloud") String audience,
        @DefaultValue("http://localhost:9000/oauth2/token") String grantUri,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue Claims claims) {

    /**
     * Claim names. A role claim may be a string or a list (the first known role wins); role names are matched
     * loosely ({@code district-admin}, {@code DISTRICT_ADMIN}). Scopes come from {@code scope} (space-separated) or
     * {@code scp} (list). {@code volunteer} carries a volunteer's registry id (required for VOLUNTEER and
     * TEAM_LEADER); {@code grant} = {@code manager} marks a role the tree granted (ManagerAssigned of the unit),
     * refused once the tree revokes it ({@link WithdrawnGrants}); {@code city} names the city of a CITY_ANALYST,
     * whose token carries no district.
     */
    public record Claims(
            @DefaultValue("sub") String user,
            @DefaultValue("practice_role") String role,
            @DefaultValue("practice_district") String district,
            @DefaultValue("practice_unit") String unit,
            @DefaultValue("practice_volunteer") String volunteer,
            @DefaultValue("practice_grant") String grant,
            @DefaultValue("practice_city") String city) {

        /** The platform's names for user, role, district and unit with the default volunteer, grant and city claims. */
        public static Claims of(String user, String role, String district, String unit) {
            return new Claims(user, role, district, unit, "practice_volunteer", "practice_grant", "practice_city");
        }
    }
}
