package cloud.practice.deployment;

import cloud.practice.deployment.kubernetes.ClusterRules;
import cloud.practice.deployment.kubernetes.ManifestValidator;
import cloud.practice.deployment.yaml.YamlDocuments;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Broken manifests fed to the validator: each defect is reported, by the layer that should catch it. */
class ManifestValidatorTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
              labels:
                app.kubernetes.io/name: demo
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: demo
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: demo
                spec:
                  containers:
                    - name: demo
                      image: example/demo:1.0
                      ports:
                        - name: http
                          containerPort: 8080
                      env:
                        - name: MODE
                          value: "fast"
                      resources:
                        requests:
                          memory: 256Mi
                        limits:
                          memory: 512Mi
                      readinessProbe:
                        httpGet:
                          path: /actuator/health/readiness
                          port: http
            """;

    private final ManifestValidator validator = new ManifestValidator();

    private static ObjectNode object(String yaml) {
        return (ObjectNode) YamlDocuments.parse(yaml, "test").get(0);
    }

    private String problems(String yaml) {
        return String.join("\n", validator.validate(object(yaml)));
    }

    @Test
    void shouldAcceptAValidDeployment() {
        assertThat(validator.validate(object(DEPLOYMENT))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown field in a container   | image: example/demo:1.0                | imagePolicy: Always                                         | unknown field(s) [imagePolicy]
            unknown field, official schema | image: example/demo:1.0                | imagePolicy: Always                                         | The field `imagePolicy` in the JSON string is not defined in the `V1Container` properties
            misspelt top-level spec field  | selector:                              | replica: 2\\n  selector:                                     | unknown field(s) [replica] at .spec
            container without image        | image: example/demo:1.0                | imagePullPolicy: Always                                     | no image
            container without name         | - name: demo\\n          image          | - image                                                     | The required field `name` is not found
            number where a string belongs  | value: "fast"                          | value: 3                                                    | does not bind to Deployment
            string where a number belongs  | containerPort: 8080                    | containerPort: "8080"                                       | does not bind to Deployment
            selector not matching template | app.kubernetes.io/name: demo\\n  template | app.kubernetes.io/name: other\\n  template                 | spec.selector does not match the template's labels
            probe on an undeclared port    | port: http                             | port: web                                                   | readinessProbe: port 'web' is not a port of the container
            port name too long             | - name: http                           | - name: http-for-everyone                                   | port name 'http-for-everyone' is invalid
            request above its limit        | memory: 256Mi                          | memory: 1Gi                                                 | memory request 1Gi exceeds its limit 512Mi
            invalid env name               | - name: MODE                           | - name: 1MODE                                               | environment variable name '1MODE' is invalid
            upper-case object name         | name: demo\\n  labels                    | name: Demo\\n  labels                                          | metadata.name 'Demo' is not a valid Deployment name
            label value with a space       | app.kubernetes.io/name: demo\\nspec      | app.kubernetes.io/name: my demo\\nspec                         | is not a valid label value
            """)
    void shouldReportABrokenDeployment(String defect, String from, String to, String expected) {
        String broken = DEPLOYMENT.replaceFirst(java.util.regex.Pattern.quote(unescape(from)),
                java.util.regex.Matcher.quoteReplacement(unescape(to)));
        assertThat(broken).as("the defect was introduced").isNotEqualTo(DEPLOYMENT);

        assertThat(problems(broken)).as(defect).contains(expected);
    }

    /** Indentation inside the replacement: "\n" plus the indentation of the line it continues. */
    private static String unescape(String text) {
        String[] parts = text.split("\\\\n", -1);
        if (parts.length == 1) {
            return text;
        }
        StringBuilder result = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            result.append('\n').append(parts[i]);
        }
        return result.toString();
    }

    @Test
    void shouldReportUnknownKindsAndApiVersions() {
        assertThat(problems("apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: old\n"))
                .contains("is not one this check knows");
        assertThat(problems("apiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\n")).contains("is not one this check knows");
    }

    @Test
    void shouldReportBrokenStrimziResources() {
        String topic = """
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata:
                  name: practice.hierarchy.events
                  labels:
                    strimzi.io/cluster: practice-kafka
                spec:
                  partition: 6
                  replicas: "three"
                """;

        String problems = problems(topic);

        assertThat(problems).contains("KafkaTopic/practice.hierarchy.events: does not bind to KafkaTopic");
        assertThat(problems(topic.replace("  replicas: \"three\"\n", ""))).contains("unknown field(s) [partition] at .spec");
    }

    @Test
    void shouldReportAServiceWithoutPortsAndABadPdb() {
        assertThat(problems("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: demo
                spec:
                  selector:
                    app: demo
                """)).contains("spec.ports is empty");
        assertThat(problems("""
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata:
                  name: demo
                spec:
                  minAvailable: 1
                  maxUnavailable: 1
                  selector:
                    matchLabels:
                      app: demo
                """)).contains("exactly one of minAvailable and maxUnavailable");
    }

    @Test
    void shouldReportReferencesThatResolveToNothing() {
        String withReferences = DEPLOYMENT.replace("          env:\n", """
                          envFrom:
                            - configMapRef:
                                name: demo-config
                            - secretRef:
                                name: demo-secrets
                          env:
                """);
        List<ObjectNode> objects = List.of(object(withReferences), object("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: demo
                spec:
                  selector:
                    app.kubernetes.io/name: nothing
                  ports:
                    - port: 80
                      targetPort: http
                """), object("""
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata:
                  name: demo
                spec:
                  scaleTargetRef:
                    apiVersion: apps/v1
                    kind: Deployment
                    name: demo-typo
                  minReplicas: 1
                  maxReplicas: 2
                """));

        String problems = String.join("\n", ClusterRules.check(objects, Set.of()));

        assertThat(problems).contains("Deployment/demo: ConfigMap demo-config is referenced but neither in the overlay")
                .contains("Deployment/demo: Secret demo-secrets is referenced")
                .contains("Service/demo: spec.selector selects no pod template")
                .contains("HorizontalPodAutoscaler/demo: scaleTargetRef Deployment/demo-typo does not exist");
        assertThat(ClusterRules.check(objects, Set.of("demo-secrets"))).noneMatch(p -> p.contains("demo-secrets"));
    }
}
