package cloud.practice.support.security;

import cloud.practice.testing.TestIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtCallersTest {

    final JwtCallers defaults = new JwtCallers(SecuritySettings.Claims.of("sub", "practice_role",
            "practice_district", "practice_unit"));

    static Jwt jwt(Consumer<Map<String, Object>> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        builder.claims(claims);
        return builder.build();
    }

    @Test
    void shouldReadAnAdminWithUnitAndScopes() {
        Caller caller = defaults.caller(jwt(c -> {
            c.put("sub", "admin-1");
            c.put("practice_role", "station-admin");
            c.put("practice_district", "jlp");
            c.put("practice_unit", "s-1");
            c.put("scope", "requests:read requests:write");
        }));
        assertThat(caller).isEqualTo(new Caller("admin-1", Role.STATION_ADMIN, "jlp", "s-1",
                java.util.Set.of("requests:read", "requests:write")));
    }

    @Test
    void shouldMapAnotherProvidersClaimNamesRoleListsAndScp() {
        JwtCallers keycloakLike = new JwtCallers(SecuritySettings.Claims.of("preferred_username", "roles", "district",
                "unit"));
        Caller caller = keycloakLike.caller(jwt(c -> {
            c.put("sub", "5f1e-uuid-ignored");
            c.put("preferred_username", "wang.li");
            c.put("roles", List.of("offline_access", "districtAdmin"));
            c.put("district", "jlp");
            c.put("unit", "center");
            c.put("scp", List.of("reports:read"));
        }));
        assertThat(caller.userId()).isEqualTo("wang.li");
        assertThat(caller.role()).isEqualTo(Role.DISTRICT_ADMIN);
        assertThat(caller.scopes()).containsExactly("reports:read");
    }

    @Test
    void shouldReadACityAnalystWithTheCityAndNoDistrict() {
        Caller caller = defaults.caller(jwt(c -> {
            c.put("sub", "acc-city-1");
            c.put("practice_role", "CITY_ANALYST");
            c.put("practice_city", "cq");
            c.put("scope", "reports:read");
        }));
        assertThat(caller).isEqualTo(new Caller("acc-city-1", Role.CITY_ANALYST, null, null,
                java.util.Set.of("reports:read"), null, false, "cq"));
        assertThat(caller.analysesCity("cq")).isTrue();
        assertThat(caller.analysesCity("sc")).isFalse();
        assertThat(caller.belongsTo("cq-jiulongpo")).as("a city analyst belongs to no district").isFalse();
        assertThat(caller.isSystemOf("cq-jiulongpo")).isFalse();
    }

    @Test
    void shouldRefuseACityAnalystWithoutACityOrWithAnythingOfADistrict() {
        assertThatThrownBy(() -> defaults.caller(jwt(c -> {
            c.put("sub", "acc-city-1");
            c.put("practice_role", "CITY_ANALYST");
        }))).isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("practice_city");
        for (String claim : List.of("practice_district", "practice_unit", "practice_volunteer", "practice_grant")) {
            assertThatThrownBy(() -> defaults.caller(jwt(c -> {
                c.put("sub", "acc-city-1");
                c.put("practice_role", "CITY_ANALYST");
                c.put("practice_city", "cq");
                c.put(claim, claim.equals("practice_grant") ? "manager" : "x-1");
            }))).as(claim).isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("belongs to no district");
        }
    }

    @Test
    void shouldRefuseACityClaimOnAnyOtherRole() {
        assertThatThrownBy(() -> defaults.caller(jwt(c -> {
            c.put("sub", "analyst-1");
            c.put("practice_role", "ANALYST");
            c.put("practice_district", "jlp");
            c.put("practice_unit", "center");
            c.put("practice_city", "cq");
        }))).isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("CITY_ANALYST only");
    }

    @Test
    void shouldTreatAClientWithoutDistrictAsPlatformWide() {
        Caller client = defaults.caller(jwt(c -> {
            c.put("sub", "ops");
            c.put("practice_role", "SYSTEM");
        }));
        assertThat(client.isSystemOf("any")).isTrue();
        assertThat(client.belongsTo("any")).isTrue();
        Caller bound = defaults.caller(jwt(c -> {
            c.put("sub", "hotline");
            c.put("practice_role", "SYSTEM");
            c.put("practice_district", "jlp");
        }));
        assertThat(bound.isSystemOf("jlp")).isTrue();
        assertThat(bound.isSystemOf("other")).isFalse();
        assertThat(bound.belongsTo("other")).isFalse();
    }

    @Test
    void shouldRefuseTokensThatCannotBeScoped() {
        List<Consumer<Map<String, Object>>> broken = List.of(
                c -> c.put("practice_role", "RESIDENT"),                                        // no subject
                c -> c.put("sub", "u"),                                                         // no role
                c -> { c.put("sub", "u"); c.put("practice_role", "KING"); },                     // unknown role
                c -> { c.put("sub", "u"); c.put("practice_role", "RESIDENT"); },                 // no district
                c -> { c.put("sub", "u"); c.put("practice_role", "STATION_ADMIN");
                    c.put("practice_district", "jlp"); },                                       // admin without unit
                c -> { c.put("sub", "u"); c.put("practice_role", "ANALYST");
                    c.put("practice_district", "jlp"); },                                       // analyst without unit
                c -> { c.put("sub", "u u"); c.put("practice_role", "SYSTEM"); },                 // subject not an id
                c -> { c.put("sub", "u"); c.put("practice_role", "VOLUNTEER");
                    c.put("practice_district", "jlp/../x"); });                                 // district not an id
        for (Consumer<Map<String, Object>> claims : broken) {
            assertThatThrownBy(() -> defaults.caller(jwt(claims))).isInstanceOf(InvalidBearerTokenException.class);
        }
    }

    @Test
    void shouldKeepTheTestIssuersScopesEqualToTheApisScopes() {
        assertThat(TestIdentity.ALL_SCOPES).containsExactlyElementsOf(Scopes.ALL);
    }

    @Test
    void shouldGrantEachHumanRoleOnlyWhatItNeeds() {
        assertThat(Scopes.forRole(Role.RESIDENT)).doesNotContain(Scopes.HIERARCHY_ADMIN, Scopes.REPORTS_READ,
                Scopes.VOLUNTEERS_READ);
        assertThat(Scopes.forRole(Role.ANALYST)).containsOnly(Scopes.HIERARCHY_READ, Scopes.VOLUNTEERS_READ,
                Scopes.REQUESTS_READ, Scopes.REPORTS_READ, Scopes.NOTICES_READ, Scopes.NOTICES_WRITE);
        assertThat(Scopes.forRole(Role.VOLUNTEER)).doesNotContain(Scopes.HIERARCHY_ADMIN, Scopes.REPORTS_READ);
        assertThat(Scopes.forRole(Role.DISTRICT_ADMIN)).containsExactlyElementsOf(Scopes.ALL);
        // A city's analyst reads reports and nothing else (no district, so no inbox either).
        assertThat(Scopes.forRole(Role.CITY_ANALYST)).containsOnly(Scopes.REPORTS_READ);
        // Every person of a district reads their own inbox; sending a text through the issuer is for the notification
        // service's machine client alone, in no role and not in "all".
        for (Role role : Role.values()) {
            assertThat(Scopes.forRole(role)).doesNotContain(Scopes.PEOPLE_NOTIFY);
            if (role != Role.CITY_ANALYST) {
                assertThat(Scopes.forRole(role)).contains(Scopes.NOTICES_READ, Scopes.NOTICES_WRITE);
            }
        }
        assertThat(Scopes.ALL).doesNotContainAnyElementsOf(Scopes.MACHINE_ONLY);
    }

    @Test
    void shouldTakeAVolunteersRegistryIdFromItsClaimNeverFromTheSubject() {
        Caller volunteer = defaults.caller(jwt(c -> {
            c.put("sub", "acc-7");
            c.put("practice_role", "VOLUNTEER");
            c.put("practice_district", "jlp");
            c.put("practice_volunteer", "vol-42");
        }));
        assertThat(volunteer.volunteerId()).isEqualTo("vol-42");
        assertThat(volunteer.is("vol-42")).isTrue();
        assertThat(volunteer.is("acc-7")).isFalse();
    }

    @Test
    void shouldRefuseAVolunteerTokenWithoutItsRegistryId() {
        assertThatThrownBy(() -> defaults.caller(jwt(c -> {
            c.put("sub", "vol-42");
            c.put("practice_role", "VOLUNTEER");
            c.put("practice_district", "jlp");
        }))).isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("practice_volunteer");
    }

    @Test
    void shouldNotLetAResidentActAsAVolunteerEvenWithTheClaim() {
        Caller resident = defaults.caller(jwt(c -> {
            c.put("sub", "acc-8");
            c.put("practice_role", "RESIDENT");
            c.put("practice_district", "jlp");
            c.put("practice_volunteer", "vol-42");
        }));
        assertThat(resident.is("vol-42")).isFalse();
    }

    @Test
    void shouldRequireAUnitOfGridWorkersAndSubCenterAdmins() {
        for (String role : List.of("GRID_WORKER", "SUBCENTER_ADMIN")) {
            assertThatThrownBy(() -> defaults.caller(jwt(c -> {
                c.put("sub", "acc-9");
                c.put("practice_role", role);
                c.put("practice_district", "jlp");
            }))).isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("practice_unit");
        }
    }

    @Test
    void shouldRefuseATreeGrantedTokenOnceTheTreeRevokedTheManager() {
        java.util.Set<String> revoked = new java.util.HashSet<>();
        JwtCallers callers = new JwtCallers(SecuritySettings.Claims.of("sub", "practice_role", "practice_district",
                "practice_unit"), (district, unit, user) -> revoked.contains(district + "/" + unit + "/" + user));
        Jwt manager = jwt(c -> {
            c.put("sub", "acc-1");
            c.put("practice_role", "STATION_ADMIN");
            c.put("practice_district", "jlp");
            c.put("practice_unit", "s-1");
            c.put("practice_grant", "manager");
        });
        assertThat(callers.caller(manager).treeGrant()).isTrue();
        revoked.add("jlp/s-1/acc-1");
        assertThatThrownBy(() -> callers.caller(manager)).isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("no longer lists acc-1 as manager of s-1");
        revoked.add("jlp/s-2/acc-2");
        Jwt staff = jwt(c -> {
            c.put("sub", "acc-1");
            c.put("practice_role", "STATION_ADMIN");
            c.put("practice_district", "jlp");
            c.put("practice_unit", "s-1");
        });
        assertThat(callers.caller(staff).treeGrant()).as("a staff role the tree did not grant").isFalse();
    }

    @Test
    void shouldRefuseAnUnknownGrant() {
        assertThatThrownBy(() -> defaults.caller(jwt(c -> {
            c.put("sub", "acc-1");
            c.put("practice_role", "DISTRICT_ADMIN");
            c.put("practice_district", "jlp");
            c.put("practice_unit", "center");
            c.put("practice_grant", "self");
        }))).isInstanceOf(InvalidBearerTokenException.class).hasMessageContaining("practice_grant");
    }
}
