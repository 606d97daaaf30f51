package cloud.practice.auth.bootstrap;

import cloud.practice.auth.AuthSettings;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first-start seed is checked at start: hashes only, ids, known roles, staff with their unit, a city's analyst with
 * a city and nothing of a district.
 */
class SeedsTest {

    static final String HASH = "{bcrypt}$2a$10$PY/tHvtobOLxuaCiZ17f8uwYl3YYJX9aAQ4ik4XokO1.fmUT/QI9O";

    static AuthSettings.Client client(String id, String secret, List<String> grants) {
        return new AuthSettings.Client(id, secret, null, List.of("requests:read"), grants, List.of("http://127.0.0.1/cb"));
    }

    static AuthSettings.User user(String name, String password, String role, String unit) {
        return new AuthSettings.User(name, password, role, "jlp", unit, null);
    }

    static AuthSettings.User cityAnalyst(String name, String city, String district, String unit) {
        return new AuthSettings.User(name, HASH, "CITY_ANALYST", district, unit, city);
    }

    @Test
    void shouldAcceptHashedSecretsAndWellFormedUsers() {
        assertThatCode(() -> new Seeds(AuthSettings.of(List.of(client("c1", HASH, List.of("client_credentials")),
                client("app", null, List.of("authorization_code"))),
                List.of(user("u1", HASH, "STATION_ADMIN", "s-1"), user("u2", HASH, "RESIDENT", null),
                        user("u3", HASH, "GRID_WORKER", "s-1"), user("u4", HASH, "SUBCENTER_ADMIN", "sub-1")))))
                .doesNotThrowAnyException();
        assertThat(new Seeds(AuthSettings.of(List.of(), List.of())).users()).as("a deployment without seeds starts")
                .isEmpty();
        assertThat(Seeds.staff(user("u1", HASH, "STATION_ADMIN", "s-1"))).isTrue();
        assertThat(Seeds.staff(user("v", HASH, "VOLUNTEER", null))).as("volunteers are residents until linked")
                .isFalse();
    }

    @Test
    void shouldRefuseClearSecretsAndUnscopableUsers() {
        List<AuthSettings> bad = List.of(
                AuthSettings.of(List.of(client("c1", "plain-secret", List.of("client_credentials"))), List.of()),
                AuthSettings.of(List.of(client("c1", "{noop}plain", List.of("client_credentials"))), List.of()),
                AuthSettings.of(List.of(client("c1", null, List.of("client_credentials"))), List.of()),
                AuthSettings.of(List.of(client("bad id", HASH, List.of("client_credentials"))), List.of()),
                AuthSettings.of(List.of(client("c1", HASH, List.of("client_credentials")),
                        client("c1", HASH, List.of("client_credentials"))), List.of()),
                AuthSettings.of(List.of(), List.of(user("u1", "practice-demo", "RESIDENT", null))),
                AuthSettings.of(List.of(), List.of(user("u1", HASH, "KING", null))),
                AuthSettings.of(List.of(), List.of(user("u1", HASH, "SYSTEM", null))),
                AuthSettings.of(List.of(), List.of(user("u1", HASH, "INSTITUTE_ADMIN", null))),
                AuthSettings.of(List.of(), List.of(user("u1", HASH, "ANALYST", null))),
                AuthSettings.of(List.of(), List.of(new AuthSettings.User("u1", HASH, "RESIDENT", null, null, null))));
        for (AuthSettings settings : bad) {
            assertThatThrownBy(() -> new Seeds(settings)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("practice.auth:");
        }
    }

    @Test
    void shouldSeedACityAnalystWithACityAndNothingOfADistrict() {
        Seeds seeds = new Seeds(AuthSettings.of(List.of(), List.of(cityAnalyst("analyst-city", "cq", null, null),
                cityAnalyst("analyst-blank", "cq-west", "", " "))));
        assertThat(seeds.users()).extracting(AuthSettings.User::city).containsExactly("cq", "cq-west");
        assertThat(Seeds.staff(cityAnalyst("analyst-city", "cq", null, null))).as("a staff account").isTrue();
        assertThat(Seeds.cityAnalyst(cityAnalyst("analyst-city", "cq", null, null))).isTrue();
        assertThat(Seeds.cityAnalyst(user("u1", HASH, "ANALYST", "center"))).isFalse();
    }

    @Test
    void shouldRefuseACityAnalystWithoutACityOrWithADistrictAndACityOnAnyOtherRole() {
        Map<AuthSettings.User, String> bad = new LinkedHashMap<>();
        bad.put(cityAnalyst("c1", null, null, null), "user 'c1': role CITY_ANALYST needs a city");
        bad.put(cityAnalyst("c2", " ", null, null), "user 'c2': role CITY_ANALYST needs a city");
        bad.put(cityAnalyst("c3", "Chongqing", null, null), "user 'c3': role CITY_ANALYST needs a city");
        bad.put(cityAnalyst("c4", "cq/../x", null, null), "user 'c4': role CITY_ANALYST needs a city");
        bad.put(cityAnalyst("c5", "cq", "cq-jiulongpo", null), "user 'c5': role CITY_ANALYST belongs to no district");
        bad.put(cityAnalyst("c6", "cq", null, "center"), "user 'c6': role CITY_ANALYST belongs to no district");
        bad.put(new AuthSettings.User("a1", HASH, "ANALYST", "jlp", "center", "cq"),
                "user 'a1': city is for role CITY_ANALYST only, not ANALYST");
        bad.put(new AuthSettings.User("r1", HASH, "RESIDENT", "jlp", null, "cq"),
                "user 'r1': city is for role CITY_ANALYST only, not RESIDENT");
        bad.put(new AuthSettings.User("d1", HASH, "DISTRICT_ADMIN", "jlp", "center", "cq"),
                "user 'd1': city is for role CITY_ANALYST only, not DISTRICT_ADMIN");
        bad.forEach((user, message) -> assertThatThrownBy(() -> new Seeds(AuthSettings.of(List.of(), List.of(user))))
                .as(user.toString()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("practice.auth: " + message));
    }
}
