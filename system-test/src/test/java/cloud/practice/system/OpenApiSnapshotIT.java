package cloud.practice.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web module generates its API client from committed snapshots of the services' OpenAPI documents
 * ({@code web/openapi/<name>.json}); this keeps them true. Each service's document, fetched through the gateway
 * ({@code /api-docs/<name>}) from the platform this build packaged, must equal its snapshot as a JSON tree
 * ({@code servers} aside: that is only the host it was fetched through). On a difference the test names the first
 * differing paths; after a deliberate API change, refresh the snapshots with
 * <pre>
 *   ./mvnw -pl system-test verify -Dit.test=OpenApiSnapshotIT -Dopenapi.snapshots.update=true
 * </pre>
 * which rewrites them (sorted keys, 2-space indent, UTF-8, final newline) instead of failing; then build web, whose
 * type check shows every page the change touches, and commit the snapshots with the change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiSnapshotIT {

    /** The documents the people's ends use, by their gateway names (ServiceRoutes.docsPath). */
    static final List<String> DOCUMENTS = List.of("auth-server", "hierarchy", "volunteer", "request", "reporting",
            "notification");
    static final String UPDATE = "openapi.snapshots.update";
    private static final Path SNAPSHOTS = Path.of("..", "web", "openapi");
    private static final int SHOWN = 15;

    static Path snapshot(String name) {
        return SNAPSHOTS.resolve(name + ".json");
    }

    @BeforeAll
    void platform() throws Exception {
        RunningPlatform.get();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"auth-server", "hierarchy", "volunteer", "request", "reporting", "notification"})
    void shouldServeTheDocumentTheWebClientWasGeneratedFrom(String name) throws Exception {
        assertThat(DOCUMENTS).contains(name);
        Api.Answer answer = Api.anonymous().get("/api-docs/" + name);
        assertThat(answer.status()).as("/api-docs/" + name + ": " + answer).isEqualTo(200);
        JsonNode served = OpenApiSnapshots.snapshotOf(OpenApiSnapshots.parse(answer.body()));
        Path file = snapshot(name);

        if (Boolean.getBoolean(UPDATE)) {
            String text = OpenApiSnapshots.write(served);
            if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
                Files.writeString(file, text, StandardCharsets.UTF_8);
                System.out.println("OpenApiSnapshotIT: rewrote " + file.toAbsolutePath().normalize());
            }
            return;
        }
        assertThat(file).as("the snapshot of " + name + "; create it with -D" + UPDATE + "=true").exists();
        JsonNode committed = OpenApiSnapshots.parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> differences = OpenApiSnapshots.differences(committed, served, SHOWN);
        assertThat(differences)
                .as("%s's OpenAPI document differs from web/openapi/%s.json (first %d differences below). If the API "
                                + "change is meant, refresh the snapshots with\n  ./mvnw -pl system-test verify "
                                + "-Dit.test=OpenApiSnapshotIT -D%s=true\nthen build web (its type check shows the pages "
                                + "the change touches) and commit the snapshots with the change",
                        name, name, SHOWN, UPDATE)
                .isEmpty();
    }
}
