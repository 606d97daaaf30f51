package cloud.practice.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DirectoryTest {

    static final String HASH = "{bcrypt}$2a$10$PY/tHvtobOLxuaCiZ17f8uwYl3YYJX9aAQ4ik4XokO1.fmUT/QI9O";

    static AuthSettings settings(List<AuthSettings.Client> clients, List<AuthSettings.User> users) {
        return new AuthSettings("http://localhost:9000", "practice-cloud", Duration.ofMinutes(10), "", clients, users,
                AuthSettings.Brake.defaults());
    }

    static AuthSettings.Client client(String id, String secret, List<String> grants) {
        return new AuthSettings.Client(id, secret, null, List.of("requests:read"), grants, List.of("http://127.0.0.1/cb"));
    }

    static AuthSettings.User user(String name, String password, String role, String unit) {
        return new AuthSettings.User(name, password, role, "jlp", unit, List.of("requests:read"));
    }

    @Test
    void shouldAcceptHashedSecretsAndWellFormedUsers() {
        assertThatCode(() -> new Directory(settings(List.of(client("c1", HASH, List.of("client_credentials")),
                client("app", null, List.of("authorization_code"))),
                List.of(user("u1", HASH, "STATION_ADMIN", "s-1"), user("u2", HASH, "RESIDENT", null)))))
                .doesNotThrowAnyException();
        assertThatCode(() -> new Directory(settings(List.of(), List.of())).registeredClients())
                .as("a deployment without clients still starts").doesNotThrowAnyException();
    }

    @Test
    void shouldRefuseClearSecretsAndUnscopableUsers() {
        List<AuthSettings> bad = List.of(
                settings(List.of(client("c1", "plain-secret", List.of("client_credentials"))), List.of()),
                settings(List.of(client("c1", "{noop}plain", List.of("client_credentials"))), List.of()),
                settings(List.of(client("c1", null, List.of("client_credentials"))), List.of()),
                settings(List.of(client("bad id", HASH, List.of("client_credentials"))), List.of()),
                settings(List.of(client("c1", HASH, List.of("client_credentials")),
                        client("c1", HASH, List.of("client_credentials"))), List.of()),
                settings(List.of(), List.of(user("u1", "practice-demo", "RESIDENT", null))),
                settings(List.of(), List.of(user("u1", HASH, "KING", null))),
                settings(List.of(), List.of(user("u1", HASH, "INSTITUTE_ADMIN", null))),
                settings(List.of(), List.of(user("u1", HASH, "ANALYST", null))),
                settings(List.of(), List.of(new AuthSettings.User("u1", HASH, "RESIDENT", null, null, List.of()))));
        for (AuthSettings settings : bad) {
            assertThatThrownBy(() -> new Directory(settings)).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("practice.auth:");
        }
    }
}
