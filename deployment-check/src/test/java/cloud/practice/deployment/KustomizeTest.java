package cloud.practice.deployment;

import cloud.practice.deployment.kustomize.Kustomize;
import cloud.practice.deployment.kustomize.KustomizeException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The kustomize subset renders as kustomize does, and refuses what it does not implement. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  containers:
                    - name: web
                      image: example/web:1.0
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                      args: ["--one"]
                    - name: sidecar
                      image: example/sidecar:2.0
            """;

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private void base() throws IOException {
        write("base/deployment.yaml", DEPLOYMENT);
        write("base/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - deployment.yaml
                """);
    }

    private List<ObjectNode> overlay(String kustomization) throws IOException {
        write("overlay/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
                + kustomization);
        return Kustomize.render(dir.resolve("overlay"));
    }

    @Test
    void shouldMergeContainersAndEnvironmentByNameAndReplaceOtherLists() throws IOException {
        base();
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - {name: B, value: "two"}
                            - {name: C, value: "3"}
                          args: ["--two"]
                        - name: sidecar
                          $patch: delete
                """);

        ObjectNode web = overlay("resources: [../base]\npatches:\n  - path: patch.yaml\n").get(0);

        var containers = web.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        assertThat(containers.get(0).path("image").asText()).isEqualTo("example/web:1.0");
        assertThat(containers.get(0).path("env").toString())
                .isEqualTo("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"two\"},{\"name\":\"C\",\"value\":\"3\"}]");
        assertThat(containers.get(0).path("args").toString()).isEqualTo("[\"--two\"]");
    }

    @Test
    void shouldApplyJsonPatchesNamespaceAndImagesInKustomizesOrder() throws IOException {
        base();

        ObjectNode web = overlay("""
                namespace: team
                resources: [../base]
                patches:
                  - target: {kind: Deployment, name: "w.b"}
                    patch: |-
                      - op: add
                        path: /spec/replicas
                        value: 3
                      - op: remove
                        path: /spec/template/spec/containers/1
                images:
                  - name: example/web
                    newName: registry.example.org/web
                    newTag: "2.0"
                """).get(0);

        assertThat(web.path("metadata").path("namespace").asText()).isEqualTo("team");
        assertThat(web.path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(web.path("spec").path("template").path("spec").path("containers")).hasSize(1);
        assertThat(web.path("spec").path("template").path("spec").path("containers").get(0).path("image").asText())
                .isEqualTo("registry.example.org/web:2.0");
    }

    @Test
    void shouldRefuseFieldsItDoesNotImplement() throws IOException {
        base();

        assertThatThrownBy(() -> overlay("resources: [../base]\ncommonLabels: {team: a}\n"))
                .isInstanceOf(KustomizeException.class).hasMessageContaining("field 'commonLabels' is not supported");
        assertThatThrownBy(() -> overlay("resources: [../base]\nconfigMapGenerator: []\n"))
                .isInstanceOf(KustomizeException.class).hasMessageContaining("configMapGenerator");
    }

    @Test
    void shouldRefuseToGuessTheMergeStrategyOfAnUnknownList() throws IOException {
        base();
        write("overlay/patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      hostAliases:
                        - {ip: 10.0.0.1, hostnames: [db]}
                """);
        write("base/deployment.yaml", DEPLOYMENT.replace("  containers:", "  hostAliases: [{ip: 10.0.0.2, hostnames: [x]}]\n      containers:"));

        assertThatThrownBy(() -> overlay("resources: [../base]\npatches:\n  - path: patch.yaml\n"))
                .isInstanceOf(KustomizeException.class).hasMessageContaining("hostAliases");
    }

    @Test
    void shouldFailOnPatchesThatHitNothingDuplicatesAndMissingFiles() throws IOException {
        base();
        write("overlay/patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: webb}\nspec: {paused: true}\n");
        write("overlay/again.yaml", DEPLOYMENT);

        assertThatThrownBy(() -> overlay("resources: [../base]\npatches:\n  - path: patch.yaml\n"))
                .hasMessageContaining("no resource matches the patch target");
        assertThatThrownBy(() -> overlay("resources: [../base, again.yaml]\n"))
                .hasMessageContaining("already registered id");
        assertThatThrownBy(() -> overlay("resources: [../base, missing.yaml]\n")).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> overlay("resources: [../base]\nimages:\n  - {name: example/nothing, newTag: x}\n"))
                .hasMessageContaining("matches no container image");
    }
}
