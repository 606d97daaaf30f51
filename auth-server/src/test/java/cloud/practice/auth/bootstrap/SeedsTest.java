package cloud.practice.auth.bootstrap;

import cloud.practice.auth.AuthSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The first-start seed is checked at start: hashes only, ids, known roles, staff with their unit. */
class SeedsTest {

    static final String HASH = "{bcrypt}$2a$10$PY/tHvtobOLxuaCiZ17f8uwYl3YYJX9aAQ4ik4XokO1.fmUT/QI9O";

    static AuthSettings.Client client(String id, String secret, List<String> grants) {
        return new AuthSettings.Client(id, secret, null, List.of("requests:read"), grants, List.of("http://127.0.0.1/cb"));
    }

    static AuthSettings.User user(String name, String password, String role, String unit) {
        return new AuthSettings.User(name, password, role, "jlp", unit);
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
                AuthSettings.of(List.of(), List.of(new AuthSettings.User("u1", HASH, "RESIDENT", null, null))));
        for (AuthSettings settings : bad) {
            assertThatThrownBy(() -> new Seeds(settings)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("practice.auth:");
        }
    }
}
