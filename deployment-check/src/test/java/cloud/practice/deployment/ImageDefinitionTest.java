package cloud.practice.deployment;

import cloud.practice.deployment.compose.ComposeFile;
import cloud.practice.deployment.consistency.ImageConsistency;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** docker/Dockerfile builds a trustworthy image for every service; broken variants are caught. */
class ImageDefinitionTest {

    private static final String DOCKERFILE = Repository.read("docker/Dockerfile");
    private static final String DOCKERIGNORE = Repository.read(".dockerignore");

    @Test
    void shouldDefineAPinnedNonRootLayeredImageForEveryService() {
        assertThat(ImageConsistency.check(DOCKERFILE, DOCKERIGNORE, Repository.SOURCES)).isEmpty();
        assertThat(ImageConsistency.user(DOCKERFILE)).isEqualTo(10001);
    }

    @Test
    void shouldBeBuiltByComposeWithArgumentsTheDockerfileDeclares() {
        JsonNode services = ComposeFile.read(Repository.path("docker-compose.yml"), Map.of()).model().path("services");
        Map<String, String> declared = ImageConsistency.args(DOCKERFILE);

        for (String service : Repository.SOURCES.serviceModuleNames()) {
            services.path(service).path("build").path("args").fieldNames()
                    .forEachRemaining(arg -> assertThat(declared).as(service + " build arg " + arg).containsKey(arg));
        }
    }

    /** When the service jars are built (the full `verify`), their layer index is the one the Dockerfile copies. */
    @Test
    void shouldCopyTheLayersTheBuiltJarsDeclare() throws IOException {
        String version = Repository.SOURCES.projectVersion();
        List<Path> jars = Repository.SOURCES.serviceModuleNames().stream()
                .map(name -> Repository.path(name + "/target/" + name + "-" + version + ".jar"))
                .filter(Files::isRegularFile).toList();
        assumeTrue(!jars.isEmpty(), "no service jar built yet");

        for (Path jar : jars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                String index = new String(file.getInputStream(file.getEntry("BOOT-INF/layers.idx")).readAllBytes(),
                        StandardCharsets.UTF_8);
                assertThat(index).as(jar.toString()).contains("- \"dependencies\":", "- \"spring-boot-loader\":",
                        "- \"snapshot-dependencies\":", "- \"application\":");
                assertThat(file.getEntry("BOOT-INF/lib/spring-boot-jarmode-tools-" + springBootVersion() + ".jar"))
                        .as(jar + " carries the tools jar mode used to extract it").isNotNull();
            }
        }
    }

    private static String springBootVersion() {
        return Repository.read("pom.xml")
                .replaceAll("(?s).*<artifactId>spring-boot-starter-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
    }

    @Test
    void shouldReportABrokenDockerfile() {
        String broken = DOCKERFILE
                .replace("ARG JRE_IMAGE=eclipse-temurin:17.0.20_8-jre-noble", "ARG JRE_IMAGE=eclipse-temurin:17-jre")
                .replace("USER 10001:10001", "USER root")
                .replace("/actuator/health/readiness", "/health")
                .replace("\"-XX:MaxRAMPercentage=60.0\", ", "")
                .replace("COPY --from=layers /build/extracted/snapshot-dependencies/ ./\n", "");

        String problems = String.join("\n", ImageConsistency.check(broken, DOCKERIGNORE, Repository.SOURCES));

        assertThat(problems).contains("JRE_IMAGE 'eclipse-temurin:17-jre' is not a pinned eclipse-temurin JRE")
                .contains("numeric non-root USER")
                .contains("no HEALTHCHECK on /actuator/health/readiness")
                .contains("ENTRYPOINT lacks -XX:MaxRAMPercentage=")
                .contains("layers copied [dependencies, spring-boot-loader, application]");
    }

    @Test
    void shouldReportABuildContextThatLeaksOrLosesFiles() {
        assertThat(ImageConsistency.check(DOCKERFILE, "# nothing ignored\n", Repository.SOURCES))
                .anyMatch(problem -> problem.contains(".dockerignore lets .git/config into the build context"));
        assertThat(ImageConsistency.check(DOCKERFILE, "**\n!hierarchy-service/target/*.jar\n", Repository.SOURCES))
                .anyMatch(problem -> problem.contains("keeps gateway-service/target/gateway-service-"));
    }
}
