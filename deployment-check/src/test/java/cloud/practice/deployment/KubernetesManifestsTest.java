package cloud.practice.deployment;

import cloud.practice.deployment.consistency.KubernetesConsistency;
import cloud.practice.deployment.kubernetes.ClusterRules;
import cloud.practice.deployment.kubernetes.ManifestValidator;
import cloud.practice.deployment.kustomize.Kustomize;
import cloud.practice.deployment.yaml.YamlDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every manifest under k8s/ is schema-valid, and each overlay, rendered, is complete and consistent with the code. */
class KubernetesManifestsTest {

    private final ManifestValidator validator = new ManifestValidator();

    static List<ObjectNode> render(String overlay) {
        return Kustomize.render(Repository.path("k8s/overlays/" + overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shouldRenderAnOverlayWhoseEveryObjectIsSchemaValid(String overlay) {
        List<ObjectNode> objects = render(overlay);

        assertThat(objects).isNotEmpty();
        assertThat(validator.validateAll(objects)).isEmpty();
        assertThat(objects).allSatisfy(object -> assertThat(object.path("metadata").path("namespace").asText())
                .isEqualTo(overlay.equals("dev") ? "practice-cloud-dev" : "practice-cloud"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shouldRenderAnOverlayWhoseReferencesAndSelectorsResolve(String overlay) {
        List<ObjectNode> objects = render(overlay);

        assertThat(ClusterRules.check(objects, KubernetesConsistency.externalSecrets(objects))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void shouldRenderAnOverlayConsistentWithTheServices(String overlay) {
        List<ObjectNode> objects = render(overlay);

        assertThat(KubernetesConsistency.check(objects, Repository.SOURCES, Repository.EXPECTED,
                Repository.imageUser())).isEmpty();
    }

    @Test
    void shouldLeaveProductionSecretsToTheOperatorAndShipTheDevOnes() {
        Set<String> services = Set.of("hierarchy-service-secrets", "volunteer-service-secrets",
                "request-service-secrets", "reporting-service-secrets", "notification-service-secrets");

        assertThat(KubernetesConsistency.externalSecrets(render("prod"))).isEqualTo(services);
        assertThat(KubernetesConsistency.externalSecrets(render("dev"))).isEmpty();
    }

    @Test
    void shouldRenderTheBaseAloneValid() {
        List<ObjectNode> base = Kustomize.render(Repository.path("k8s/base"));

        assertThat(validator.validateAll(base)).isEmpty();
        assertThat(base).extracting(object -> object.path("kind").asText() + "/" + object.path("metadata").path("name").asText())
                .contains("Deployment/gateway-service", "Ingress/gateway-service", "ConfigMap/practice-platform",
                        "NetworkPolicy/practice-default-deny")
                .doesNotContain("StatefulSet/kafka", "Kafka/practice-kafka");
    }

    @Test
    void shouldKeepEverySecretTemplateValidAndNamedForItsService() {
        for (String service : Repository.SOURCES.serviceModuleNames()) {
            Path template = Repository.path("k8s/base/" + service + "/" + KubernetesConsistency.SECRET_TEMPLATE);
            ObjectNode secret = YamlDocuments.readSingleObject(template);

            assertThat(validator.validate(secret)).as(template.toString()).isEmpty();
            assertThat(secret.path("metadata").path("name").asText()).isEqualTo(service + "-secrets");
            secret.path("stringData").fieldNames().forEachRemaining(key ->
                    assertThat(Repository.SOURCES.service(service).reads(key)).as(service + " reads " + key).isTrue());
        }
    }

    /** A YAML file nobody renders or reads is a file nobody checks: every one must be used. */
    @Test
    void shouldUseEveryYamlFileUnderK8s() throws IOException {
        Set<Path> used = new HashSet<>();
        try (Stream<Path> files = Files.walk(Repository.path("k8s"))) {
            for (Path kustomization : files.filter(path -> path.getFileName().toString().equals("kustomization.yaml"))
                    .toList()) {
                used.add(kustomization);
                ObjectNode document = YamlDocuments.readSingleObject(kustomization);
                for (JsonNode resource : document.path("resources")) {
                    used.add(kustomization.getParent().resolve(resource.asText()).normalize());
                }
                for (JsonNode patch : document.path("patches")) {
                    if (patch.has("path")) {
                        used.add(kustomization.getParent().resolve(patch.get("path").asText()).normalize());
                    }
                }
            }
        }
        try (Stream<Path> files = Files.walk(Repository.path("k8s"))) {
            List<Path> unused = files.filter(path -> path.toString().endsWith(".yaml"))
                    .filter(path -> !path.getFileName().toString().equals(KubernetesConsistency.SECRET_TEMPLATE))
                    .filter(path -> !used.contains(path.normalize()))
                    .toList();
            assertThat(unused).isEmpty();
        }
    }
}
