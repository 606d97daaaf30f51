package cloud.practice.deployment.consistency;

import cloud.practice.deployment.platform.PlatformSources;
import cloud.practice.deployment.platform.ServiceModule;
import cloud.practice.deployment.yaml.YamlDocuments;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rendered overlay against the services: per service a Deployment (probes on the real actuator paths, ports,
 * non-root read-only security context, resources, topology spread, a shutdown that fits its grace period), Service,
 * ConfigMap, HorizontalPodAutoscaler, PodDisruptionBudget, ServiceAccount and NetworkPolicy; the environment each
 * service gets against what it reads; network isolation; the Ingress; the topics; and where Kafka and MongoDB are.
 */
public final class KubernetesConsistency {

    public static final String SECRET_TEMPLATE = "secret.template.yaml";
    /** "Anywhere" egress blocks, and the ranges each must except: the cluster, loopback, link-local, CGNAT. */
    private static final Map<String, List<String>> INTERNET = Map.of(
            "0.0.0.0/0", List.of("10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
                    "192.168.0.0/16"),
            "::/0", List.of("fc00::/7", "fe80::/10", "::1/128"));

    private final List<ObjectNode> objects;
    private final PlatformSources sources;
    private final Expectations expected;
    private final int imageUser;
    private final List<String> problems = new ArrayList<>();

    private KubernetesConsistency(List<ObjectNode> objects, PlatformSources sources, Expectations expected,
                                  int imageUser) {
        this.objects = objects;
        this.sources = sources;
        this.expected = expected;
        this.imageUser = imageUser;
    }

    /**
     * @param objects   a rendered overlay
     * @param imageUser the uid the services' image runs as (docker/Dockerfile's USER)
     */
    public static List<String> check(List<ObjectNode> objects, PlatformSources sources, Expectations expected,
                                     int imageUser) {
        KubernetesConsistency check = new KubernetesConsistency(objects, sources, expected, imageUser);
        check.run();
        return check.problems;
    }

    /** Secrets the overlay refers to without rendering them: the operator creates them. */
    public static Set<String> externalSecrets(List<ObjectNode> objects) {
        Set<String> referenced = new TreeSet<>();
        for (ObjectNode object : objects) {
            for (JsonNode container : containers(object)) {
                for (JsonNode source : container.path("envFrom")) {
                    if (source.has("secretRef") && !source.path("secretRef").path("optional").asBoolean(false)) {
                        referenced.add(source.path("secretRef").path("name").asText());
                    }
                }
            }
        }
        objects.stream().filter(object -> kind(object).equals("Secret")).forEach(object -> referenced.remove(name(object)));
        return referenced;
    }

    private void run() {
        List<ServiceModule> modules = sources.services();
        String bootstrap = kafkaBootstrap();
        Map<String, String> backendUrls = new LinkedHashMap<>();
        for (ServiceModule module : modules) {
            ObjectNode service = find("Service", module.name());
            int port = service == null ? module.port() : service.path("spec").path("ports").path(0).path("port").asInt();
            backendUrls.put(module.name(), "http://" + module.name() + ":" + port);
        }
        for (ServiceModule module : modules) {
            serviceModule(module, modules, bootstrap, backendUrls);
        }
        for (String secret : externalSecrets(objects)) {
            requireTemplate(secret);
        }
        defaultDeny(modules);
        issuer(modules);
        ingress();
        topics();
        mongo();
    }

    private void serviceModule(ServiceModule module, List<ServiceModule> modules, String bootstrap,
                               Map<String, String> backendUrls) {
        String who = module.name() + ": ";
        for (String kind : List.of("Deployment", "Service", "ConfigMap", "HorizontalPodAutoscaler",
                "PodDisruptionBudget", "ServiceAccount", "NetworkPolicy")) {
            if (find(kind, module.name()) == null) {
                problems.add(who + "no " + kind + " named " + module.name());
            }
        }
        ObjectNode deployment = find("Deployment", module.name());
        if (deployment == null) {
            return;
        }
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode containers = pod.path("containers");
        if (containers.size() != 1 || !module.name().equals(containers.path(0).path("name").asText())) {
            problems.add(who + "the pod should run one container named " + module.name());
            return;
        }
        JsonNode container = containers.get(0);
        String image = container.path("image").asText();
        String version = sources.projectVersion();
        if (!(image.endsWith("practice-cloud/" + module.name() + ":" + version)
                || image.contains("practice-cloud/" + module.name() + "@sha256:"))) {
            problems.add(who + "image " + image + " is not practice-cloud/" + module.name() + " at " + version);
        }
        JsonNode ports = container.path("ports");
        Integer management = managementPort(module);
        int expectedPorts = management == null ? 1 : 2;
        if (ports.size() != expectedPorts || ports.get(0).path("containerPort").asInt() != module.port()
                || !"http".equals(ports.get(0).path("name").asText())) {
            problems.add(who + "the container should expose one port named http, " + module.port()
                    + " (server.port)" + (management == null ? "" : ", then one named management, " + management));
        } else if (management != null && (ports.get(1).path("containerPort").asInt() != management
                || !"management".equals(ports.get(1).path("name").asText()))) {
            problems.add(who + "the second port should be named management, " + management
                    + " (management.server.port)");
        }
        probe(who, container, "startupProbe", Expectations.LIVENESS, module);
        probe(who, container, "livenessProbe", Expectations.LIVENESS, module);
        probe(who, container, "readinessProbe", Expectations.READINESS, module);
        RuntimeContract.check(module).forEach(problem -> problems.add(who + problem));

        security(who, pod, container);
        JsonNode annotations = deployment.path("spec").path("template").path("metadata").path("annotations");
        int metricsPort = management == null ? module.port() : management;
        if (!Expectations.PROMETHEUS.equals(annotations.path("prometheus.io/path").asText())
                || !String.valueOf(metricsPort).equals(annotations.path("prometheus.io/port").asText())) {
            problems.add(who + "prometheus.io annotations should name " + Expectations.PROMETHEUS + " on " + metricsPort);
        }
        JsonNode resources = container.path("resources");
        if (!resources.path("requests").has("cpu") || !resources.path("requests").has("memory")
                || !resources.path("limits").has("memory")) {
            problems.add(who + "needs cpu and memory requests and a memory limit (the JVM sizes its heap from it)");
        }
        JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
        JsonNode spread = pod.path("topologySpreadConstraints");
        if (spread.isEmpty()) {
            problems.add(who + "no topologySpreadConstraints");
        }
        for (JsonNode constraint : spread) {
            if (!subset(constraint.path("labelSelector").path("matchLabels"), podLabels)) {
                problems.add(who + "a topology spread constraint does not select the service's own pods");
            }
        }
        Duration preStop = preStopSleep(container);
        long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
        if (Duration.ofSeconds(grace).compareTo(preStop.plus(module.shutdownPhaseTimeout())) <= 0) {
            problems.add(who + "terminationGracePeriodSeconds " + grace + " does not cover preStop (" + preStop.toSeconds()
                    + " s) plus the graceful shutdown phase (" + module.shutdownPhaseTimeout().toSeconds() + " s)");
        }
        if (!module.name().equals(pod.path("serviceAccountName").asText())
                || pod.path("automountServiceAccountToken").asBoolean(true)) {
            problems.add(who + "should run as ServiceAccount " + module.name() + " without an API token");
        }

        ObjectNode hpa = find("HorizontalPodAutoscaler", module.name());
        if (hpa != null) {
            if (deployment.path("spec").has("replicas")) {
                problems.add(who + "the Deployment sets replicas while an autoscaler owns the count");
            }
            if (!module.name().equals(hpa.path("spec").path("scaleTargetRef").path("name").asText())) {
                problems.add(who + "the autoscaler scales something else");
            }
            if (module.usesKafka() && hpa.path("spec").path("maxReplicas").asInt() > expected.partitions()) {
                problems.add(who + "maxReplicas exceeds the " + expected.partitions()
                        + " partitions: the extra consumers would idle");
            }
        }
        ObjectNode service = find("Service", module.name());
        if (service != null) {
            JsonNode port = service.path("spec").path("ports").path(0);
            if (!subset(service.path("spec").path("selector"), podLabels)
                    || port.path("port").asInt() != module.port() || !"http".equals(port.path("targetPort").asText())) {
                problems.add(who + "the Service should select its pods and serve " + module.port() + " → http");
            }
        }
        ObjectNode pdb = find("PodDisruptionBudget", module.name());
        if (pdb != null && !subset(pdb.path("spec").path("selector").path("matchLabels"), podLabels)) {
            problems.add(who + "the PodDisruptionBudget does not select the service's pods");
        }

        problems.addAll(ServiceEnvironment.check(module, environment(container), bootstrap, backendUrls, modules));
        secrets(who, module, container);
        network(who, module, podLabels, modules);
    }

    private void probe(String who, JsonNode container, String probe, String path, ServiceModule module) {
        JsonNode http = container.path(probe).path("httpGet");
        JsonNode port = http.path("port");
        boolean portOk = "http".equals(port.asText()) || port.asInt() == module.port();
        if (!path.equals(http.path("path").asText()) || !portOk) {
            problems.add(who + probe + " should be GET " + path + " on the http port, is " + container.path(probe));
        }
    }

    private void security(String who, JsonNode pod, JsonNode container) {
        JsonNode podSecurity = pod.path("securityContext");
        JsonNode security = container.path("securityContext");
        if (!podSecurity.path("runAsNonRoot").asBoolean(false) && !security.path("runAsNonRoot").asBoolean(false)) {
            problems.add(who + "runAsNonRoot is not set");
        }
        int user = security.path("runAsUser").asInt(podSecurity.path("runAsUser").asInt(-1));
        if (user != imageUser) {
            problems.add(who + "runs as uid " + user + ", the image's user is " + imageUser);
        }
        if (!"RuntimeDefault".equals(podSecurity.path("seccompProfile").path("type").asText())
                && !"RuntimeDefault".equals(security.path("seccompProfile").path("type").asText())) {
            problems.add(who + "no RuntimeDefault seccomp profile");
        }
        if (!security.path("readOnlyRootFilesystem").asBoolean(false)
                || security.path("allowPrivilegeEscalation").asBoolean(true)
                || !security.path("capabilities").path("drop").toString().contains("\"ALL\"")) {
            problems.add(who + "container must have a read-only root filesystem, no privilege escalation, drop ALL");
        }
        String tmpVolume = null;
        for (JsonNode mount : container.path("volumeMounts")) {
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                tmpVolume = mount.path("name").asText();
            }
        }
        boolean emptyDir = false;
        for (JsonNode volume : pod.path("volumes")) {
            emptyDir |= volume.path("name").asText().equals(tmpVolume) && volume.has("emptyDir");
        }
        if (!emptyDir) {
            problems.add(who + "/tmp must be a writable emptyDir (the root filesystem is read-only)");
        }
    }

    private static Duration preStopSleep(JsonNode container) {
        JsonNode preStop = container.path("lifecycle").path("preStop");
        if (preStop.has("sleep")) {
            return Duration.ofSeconds(preStop.path("sleep").path("seconds").asLong());
        }
        JsonNode command = preStop.path("exec").path("command");
        if (command.size() == 2 && "sleep".equals(command.get(0).asText())) {
            return Duration.ofSeconds(Long.parseLong(command.get(1).asText()));
        }
        return Duration.ZERO;
    }

    /** The variables a container gets: env entries and the keys of its envFrom sources (later sources win). */
    private Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                ObjectNode map = find("ConfigMap", source.path("configMapRef").path("name").asText());
                if (map != null) {
                    map.path("data").fields().forEachRemaining(entry -> environment.put(entry.getKey(),
                            entry.getValue().asText()));
                }
            } else if (source.has("secretRef")) {
                String name = source.path("secretRef").path("name").asText();
                ObjectNode secret = find("Secret", name);
                if (secret != null) {
                    secret.path("stringData").fields().forEachRemaining(entry -> environment.put(entry.getKey(),
                            entry.getValue().asText()));
                    secret.path("data").fieldNames().forEachRemaining(key -> environment.put(key, null));
                } else {
                    ObjectNode template = templateOf(name);
                    if (template != null) {
                        template.path("stringData").fieldNames().forEachRemaining(key -> environment.put(key, null));
                    }
                }
            }
        }
        for (JsonNode variable : container.path("env")) {
            environment.put(variable.path("name").asText(),
                    variable.has("value") ? variable.path("value").asText() : null);
        }
        return environment;
    }

    /** Secret-like variables come from the service's Secret (whose template names them), never from a ConfigMap. */
    private void secrets(String who, ServiceModule module, JsonNode container) {
        ObjectNode template = templateOf(module.name() + "-secrets");
        for (String variable : module.secretVariables()) {
            for (JsonNode source : container.path("envFrom")) {
                ObjectNode map = find("ConfigMap", source.path("configMapRef").path("name").asText());
                if (map != null && map.path("data").has(variable)) {
                    problems.add(who + variable + " is a secret but is set in ConfigMap " + name(map));
                }
            }
            for (JsonNode variableNode : container.path("env")) {
                if (variable.equals(variableNode.path("name").asText()) && variableNode.has("value")) {
                    problems.add(who + variable + " is a secret but is set as a plain env value");
                }
            }
            if (template == null || !template.path("stringData").has(variable)) {
                problems.add(who + "k8s/base/" + module.name() + "/" + SECRET_TEMPLATE + " does not name " + variable
                        + ": operators would not know to set it");
            }
        }
    }

    /** The operator's Secret must have a template beside its service in base/, with keys the service reads. */
    private void requireTemplate(String secret) {
        if (templateOf(secret) == null) {
            problems.add("Secret " + secret + " is expected from the operator but k8s/base/*/" + SECRET_TEMPLATE
                    + " shows no such Secret");
        }
    }

    private ObjectNode templateOf(String secret) {
        for (ServiceModule module : sources.services()) {
            Path file = sources.root().resolve("k8s/base").resolve(module.name()).resolve(SECRET_TEMPLATE);
            if (Files.isRegularFile(file)) {
                ObjectNode template = YamlDocuments.readSingleObject(file);
                if (secret.equals(name(template))) {
                    return template;
                }
            }
        }
        return null;
    }

    private void network(String who, ServiceModule module, JsonNode podLabels, List<ServiceModule> modules) {
        boolean ingressIsolated = false;
        boolean egressIsolated = false;
        boolean published = module.name().equals(expected.publishedService());
        boolean egressToKafka = false;
        boolean egressToMongo = false;
        Set<String> reachedServices = new TreeSet<>();
        for (ObjectNode policy : ofKind("NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            if (!subset(spec.path("podSelector").path("matchLabels"), podLabels)) {
                continue;
            }
            String types = spec.path("policyTypes").toString();
            ingressIsolated |= types.contains("Ingress");
            egressIsolated |= types.contains("Egress");
            for (JsonNode rule : spec.path("ingress")) {
                if (!rule.has("from") || rule.path("from").isEmpty()) {
                    problems.add(who + "NetworkPolicy " + name(policy) + " admits traffic from anywhere");
                }
                for (JsonNode peer : rule.path("from")) {
                    String namespace = peer.path("namespaceSelector").path("matchLabels")
                            .path("kubernetes.io/metadata.name").asText(null);
                    boolean fromGateway = !peer.has("namespaceSelector") && Objects.equals(
                            peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText(null),
                            expected.publishedService());
                    boolean fromMonitoring = "monitoring".equals(namespace) && !peer.has("podSelector");
                    boolean fromIngressController = published && namespace != null && !peer.has("ipBlock");
                    if (!(fromGateway || fromMonitoring || fromIngressController) || peer.has("ipBlock")) {
                        problems.add(who + "NetworkPolicy " + name(policy) + " admits " + peer
                                + "; only the gateway (and monitoring) may call it");
                    }
                }
            }
            for (JsonNode rule : spec.path("egress")) {
                if (!rule.has("to") || rule.path("to").isEmpty()) {
                    if (!rule.has("ports")) {
                        problems.add(who + "NetworkPolicy " + name(policy) + " lets it reach anything");
                    }
                }
                for (JsonNode port : rule.path("ports")) {
                    egressToKafka |= port.path("port").asInt() == 9092;
                    egressToMongo |= port.path("port").asInt() == 27017;
                }
                for (JsonNode peer : rule.path("to")) {
                    String cidr = peer.path("ipBlock").path("cidr").asText();
                    if (INTERNET.containsKey(cidr)) {
                        // Only HTTPS to public addresses (Open311 webhooks): never every port, never inside.
                        List<String> except = new ArrayList<>();
                        peer.path("ipBlock").path("except").forEach(range -> except.add(range.asText()));
                        List<Integer> ports = new ArrayList<>();
                        rule.path("ports").forEach(port -> ports.add(port.path("port").asInt()));
                        if (!except.containsAll(INTERNET.get(cidr)) || !ports.equals(List.of(HTTPS))) {
                            problems.add(who + "NetworkPolicy " + name(policy) + " lets it reach the whole internet"
                                    + " (only 443 to " + cidr + " except " + INTERNET.get(cidr) + " is allowed)");
                        }
                    }
                    for (ServiceModule other : modules) {
                        ObjectNode deployment = find("Deployment", other.name());
                        if (deployment != null && !peer.has("namespaceSelector") && peer.has("podSelector")
                                && subset(peer.path("podSelector").path("matchLabels"),
                                deployment.path("spec").path("template").path("metadata").path("labels"))) {
                            reachedServices.add(other.name());
                        }
                    }
                }
            }
        }
        if (!ingressIsolated || !egressIsolated) {
            problems.add(who + "is not isolated by NetworkPolicies (Ingress " + ingressIsolated + ", Egress "
                    + egressIsolated + ")");
        }
        if (module.usesKafka() != egressToKafka) {
            problems.add(who + (module.usesKafka() ? "cannot reach Kafka (9092)" : "may reach Kafka without using it"));
        }
        if (module.usesMongo() != egressToMongo) {
            problems.add(who + (module.usesMongo() ? "cannot reach MongoDB (27017)" : "may reach MongoDB without using it"));
        }
        Set<String> calls = new TreeSet<>();
        for (Map.Entry<String, String> placeholder : module.placeholders().entrySet()) {
            String backend = ServiceEnvironment.backendOf(placeholder.getKey(), module, modules);
            if (backend != null) {
                calls.add(backend);
            }
        }
        if (!reachedServices.equals(calls)) {
            problems.add(who + "may reach the services " + reachedServices + " but calls " + calls);
        }
    }

    static final String ISSUER = "PRACTICE_SECURITY_ISSUER";
    static final String JWK_SET_URI = "PRACTICE_SECURITY_JWK_SET_URI";
    static final String GRANT_URI = "PRACTICE_SECURITY_GRANT_URI";
    static final String AUTH_ISSUER = "PRACTICE_AUTH_ISSUER";
    static final String AUTH_KEY_FILE = "PRACTICE_AUTH_KEY_FILE";
    private static final int HTTPS = 443;

    /**
     * One token issuer for the whole platform (ADR 0011). Every service that validates tokens is told the issuer,
     * its JWKS and (if it reads it) its token endpoint, the same issuer everywhere, and may reach it. An issuer run by
     * the overlay (a workload given {@value #AUTH_ISSUER}) issues exactly that {@code iss}, answers those URLs (and
     * the gateway's route to it) through its Service, keeps its signing key in a Secret and is as hardened as the
     * services; an issuer outside the overlay is reached over HTTPS.
     */
    private void issuer(List<ServiceModule> modules) {
        IssuerSettings settings = issuerSettings(modules);
        if (settings.issuers().size() > 1) {
            problems.add("the services and the gateway expect different issuers " + settings.issuers()
                    + "; tokens of one would be refused by the others");
        }
        List<ObjectNode> servers = tokenIssuers();
        if (servers.size() > 1) {
            problems.add("more than one workload issues tokens (" + AUTH_ISSUER + ")");
        }
        if (servers.isEmpty()) {
            issuerOutsideOverHttps(settings);
            issuerEgress(modules, HTTPS, null);
            return;
        }
        ObjectNode server = servers.get(0);
        String who = kind(server) + " " + name(server) + ": ";
        JsonNode container = containers(server).get(0);
        JsonNode podLabels = server.path("spec").path("template").path("metadata").path("labels");
        String issued = environment(container).get(AUTH_ISSUER);
        if (issued != null && !settings.issuers().isEmpty() && !settings.issuers().equals(Set.of(issued))) {
            problems.add(who + "issues iss " + issued + " but the services expect " + settings.issuers());
        }
        int port = container.path("ports").path(0).path("containerPort").asInt();
        issuerAnswersTheServicesUrls(who, server, port, settings, modules);
        issuerHardened(who, server);
        signingKeyInSecret(who, server);
        issuerEgress(modules, port, podLabels);
    }

    /**
     * What the services were told of the issuer.
     *
     * @param issuers the {@value #ISSUER} values (more than one: tokens of one are refused by the others)
     * @param urls    per service, the issuer's URLs it reads ({@value #JWK_SET_URI}, {@value #GRANT_URI}) and is given
     */
    private record IssuerSettings(Set<String> issuers, Map<ServiceModule, Map<String, String>> urls) {
    }

    /** The issuer settings of every service with one container; one it reads but is not given is a problem. */
    private IssuerSettings issuerSettings(List<ServiceModule> modules) {
        Set<String> issuers = new TreeSet<>();
        Map<ServiceModule, Map<String, String>> urls = new LinkedHashMap<>();
        for (ServiceModule module : modules) {
            ObjectNode deployment = find("Deployment", module.name());
            if (deployment == null || containers(deployment).size() != 1) {
                continue;
            }
            Map<String, String> environment = environment(containers(deployment).get(0));
            Map<String, String> own = new LinkedHashMap<>();
            for (String variable : List.of(ISSUER, JWK_SET_URI, GRANT_URI)) {
                if (!module.reads(variable)) {
                    continue;
                }
                if (!environment.containsKey(variable)) {
                    problems.add(module.name() + ": " + variable + " is not set: the service would look for the issuer"
                            + " at its local default " + module.placeholders().get(variable));
                } else if (environment.get(variable) != null) {
                    if (variable.equals(ISSUER)) {
                        issuers.add(environment.get(variable));
                    } else {
                        own.put(variable, environment.get(variable));
                    }
                }
            }
            urls.put(module, own);
        }
        return new IssuerSettings(issuers, urls);
    }

    /** The workloads (one container) that issue tokens: those given {@value #AUTH_ISSUER}. */
    private List<ObjectNode> tokenIssuers() {
        List<ObjectNode> servers = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            for (ObjectNode workload : ofKind(kind)) {
                if (containers(workload).size() == 1 && environment(containers(workload).get(0)).containsKey(AUTH_ISSUER)) {
                    servers.add(workload);
                }
            }
        }
        return servers;
    }

    private void issuerOutsideOverHttps(IssuerSettings settings) {
        settings.urls().forEach((module, own) -> own.forEach((variable, value) -> {
            if (!value.startsWith("https://")) {
                problems.add(module.name() + ": " + variable + " is " + value + ": an issuer outside the overlay"
                        + " is reached over HTTPS");
            }
        }));
    }

    /**
     * Every issuer URL a service is given answers at a Service of the issuer's pods: the JWKS and token endpoints,
     * and any other {@code *_URL} whose default names the issuer's port (the gateway's route to it) and which is no
     * other service's backend.
     */
    private void issuerAnswersTheServicesUrls(String who, ObjectNode server, int port, IssuerSettings settings,
                                              List<ServiceModule> modules) {
        JsonNode podLabels = server.path("spec").path("template").path("metadata").path("labels");
        Set<String> bases = new TreeSet<>();
        for (ObjectNode service : ofKind("Service")) {
            if (subset(service.path("spec").path("selector"), podLabels)) {
                service.path("spec").path("ports").forEach(servicePort ->
                        bases.add("http://" + name(service) + ":" + servicePort.path("port").asInt()));
            }
        }
        if (bases.isEmpty()) {
            problems.add(who + "no Service selects it");
        }
        for (Map.Entry<ServiceModule, Map<String, String>> entry : settings.urls().entrySet()) {
            Map<String, String> own = new LinkedHashMap<>(entry.getValue());
            for (Map.Entry<String, String> placeholder : entry.getKey().placeholders().entrySet()) {
                String fallback = placeholder.getValue() == null ? "" : placeholder.getValue();
                if (placeholder.getKey().endsWith("_URL") && fallback.matches("https?://[^/]+:" + port)
                        && ServiceEnvironment.backendOf(placeholder.getKey(), entry.getKey(), modules) == null) {
                    ObjectNode deployment = find("Deployment", entry.getKey().name());
                    String value = environment(containers(deployment).get(0)).get(placeholder.getKey());
                    own.put(placeholder.getKey(), value == null ? "(not set: " + fallback + ")" : value);
                }
            }
            own.forEach((variable, value) -> {
                if (bases.stream().noneMatch(base -> value.equals(base) || value.startsWith(base + "/"))) {
                    problems.add(entry.getKey().name() + ": " + variable + " is " + value + ", the issuer "
                            + name(server) + " answers at " + bases);
                }
            });
        }
    }

    /** The issuer runs like a service: actuator probes, non-root read-only, a memory limit, no API token. */
    private void issuerHardened(String who, ObjectNode server) {
        JsonNode pod = server.path("spec").path("template").path("spec");
        JsonNode container = containers(server).get(0);
        JsonNode liveness = container.path("livenessProbe").path("httpGet").path("path");
        JsonNode readiness = container.path("readinessProbe").path("httpGet").path("path");
        if (!Expectations.LIVENESS.equals(liveness.asText()) || !Expectations.READINESS.equals(readiness.asText())) {
            problems.add(who + "needs liveness and readiness probes on " + Expectations.LIVENESS + " and "
                    + Expectations.READINESS);
        }
        security(who, pod, container);
        if (!container.path("resources").path("requests").has("memory")
                || !container.path("resources").path("limits").has("memory")) {
            problems.add(who + "needs a memory request and limit (the JVM sizes its heap from it)");
        }
        if (pod.path("automountServiceAccountToken").asBoolean(true)) {
            problems.add(who + "should run without an API token");
        }
    }

    /** {@value #AUTH_KEY_FILE} lies in a mounted Secret, so the signing key survives a restart. */
    private void signingKeyInSecret(String who, ObjectNode server) {
        JsonNode pod = server.path("spec").path("template").path("spec");
        JsonNode container = containers(server).get(0);
        String keyFile = environment(container).get(AUTH_KEY_FILE);
        boolean inSecret = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            String directory = mount.path("mountPath").asText() + "/";
            for (JsonNode volume : pod.path("volumes")) {
                inSecret |= keyFile != null && keyFile.startsWith(directory) && volume.has("secret")
                        && volume.path("name").asText().equals(mount.path("name").asText());
            }
        }
        if (!inSecret) {
            problems.add(who + AUTH_KEY_FILE + " (" + keyFile + ") is not a file of a mounted Secret: a new signing"
                    + " key per start would invalidate every token");
        }
    }

    /** Every service reading {@value #JWK_SET_URI} may reach the issuer: its pods (in the overlay) or HTTPS. */
    private void issuerEgress(List<ServiceModule> modules, int port, JsonNode serverLabels) {
        for (ServiceModule module : modules) {
            ObjectNode deployment = find("Deployment", module.name());
            if (deployment == null || !module.reads(JWK_SET_URI)) {
                continue;
            }
            JsonNode podLabels = deployment.path("spec").path("template").path("metadata").path("labels");
            boolean reaches = false;
            for (ObjectNode policy : ofKind("NetworkPolicy")) {
                if (!subset(policy.path("spec").path("podSelector").path("matchLabels"), podLabels)) {
                    continue;
                }
                for (JsonNode rule : policy.path("spec").path("egress")) {
                    boolean portOk = false;
                    for (JsonNode rulePort : rule.path("ports")) {
                        portOk |= rulePort.path("port").asInt() == port;
                    }
                    boolean peerOk = serverLabels == null || rule.path("to").isEmpty();
                    for (JsonNode peer : rule.path("to")) {
                        peerOk |= serverLabels != null && !peer.has("namespaceSelector") && peer.has("podSelector")
                                && subset(peer.path("podSelector").path("matchLabels"), serverLabels);
                    }
                    reaches |= portOk && peerOk;
                }
            }
            if (!reaches) {
                problems.add(module.name() + ": no NetworkPolicy lets it reach the issuer (" + (serverLabels == null
                        ? "HTTPS, " + port : "its pods, " + port) + ")");
            }
        }
    }

    private void defaultDeny(List<ServiceModule> modules) {
        boolean found = false;
        for (ObjectNode policy : ofKind("NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            if (spec.path("ingress").isEmpty() && spec.path("egress").isEmpty()
                    && spec.path("policyTypes").size() == 2) {
                found = true;
                for (ServiceModule module : modules) {
                    ObjectNode deployment = find("Deployment", module.name());
                    if (deployment != null && !subset(spec.path("podSelector").path("matchLabels"),
                            deployment.path("spec").path("template").path("metadata").path("labels"))) {
                        problems.add("default-deny policy " + name(policy) + " does not cover " + module.name());
                    }
                }
            }
        }
        if (!found) {
            problems.add("no default-deny NetworkPolicy (both directions)");
        }
    }

    private void ingress() {
        List<ObjectNode> ingresses = ofKind("Ingress");
        if (ingresses.isEmpty()) {
            problems.add("no Ingress for " + expected.publishedService());
        }
        for (ObjectNode ingress : ingresses) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                for (JsonNode path : rule.path("http").path("paths")) {
                    String backend = path.path("backend").path("service").path("name").asText();
                    if (!backend.equals(expected.publishedService())) {
                        problems.add("Ingress " + name(ingress) + " exposes " + backend + "; only "
                                + expected.publishedService() + " is public");
                    }
                    if (path.path("path").asText().startsWith("/actuator")) {
                        problems.add("Ingress " + name(ingress) + " exposes the actuator");
                    }
                }
            }
        }
        for (ObjectNode service : ofKind("Service")) {
            String type = service.path("spec").path("type").asText("ClusterIP");
            if (!type.equals("ClusterIP")) {
                problems.add("Service " + name(service) + " is of type " + type + "; the Ingress is the only way in");
            }
        }
    }

    private void topics() {
        List<ObjectNode> kafkaTopics = ofKind("KafkaTopic");
        ObjectNode job = find("Job", "kafka-topics");
        if (kafkaTopics.isEmpty() == (job == null)) {
            problems.add("topics should come from exactly one of KafkaTopic resources or the kafka-topics Job");
        }
        if (job != null) {
            String script = containers(job).toString();
            problems.addAll(TopicScript.check("Job/kafka-topics", script, expected));
            String image = containers(job).path(0).path("image").asText();
            if (!image.equals(expected.kafkaImage())) {
                problems.add("Job/kafka-topics: image " + image + " is not " + expected.kafkaImage());
            }
        }
        if (!kafkaTopics.isEmpty()) {
            Set<String> names = new TreeSet<>();
            for (ObjectNode topic : kafkaTopics) {
                JsonNode spec = topic.path("spec");
                names.add(spec.path("topicName").asText(name(topic)));
                if (spec.path("partitions").asInt() != expected.partitions()
                        || spec.path("config").path("retention.ms").asLong(0) != -1) {
                    problems.add("KafkaTopic " + name(topic) + ": needs " + expected.partitions()
                            + " partitions and retention.ms -1");
                }
                if (spec.path("replicas").asInt(1) > 1
                        && spec.path("config").path("min.insync.replicas").asInt(1) >= spec.path("replicas").asInt()) {
                    problems.add("KafkaTopic " + name(topic) + ": min.insync.replicas leaves no replica to lose");
                }
            }
            if (!names.equals(expected.topics())) {
                problems.add("KafkaTopics " + names + " are not the contexts' topics " + expected.topics());
            }
        }
    }

    /** Where the overlay's Kafka answers: a Strimzi cluster's bootstrap Service, or the Service of a Kafka pod. */
    private String kafkaBootstrap() {
        for (ObjectNode kafka : ofKind("Kafka")) {
            String version = kafka.path("spec").path("kafka").path("version").asText();
            if (!expected.kafkaImage().endsWith(":" + version)) {
                problems.add("Kafka " + name(kafka) + ": version " + version + " is not the one of "
                        + expected.kafkaImage());
            }
            for (JsonNode listener : kafka.path("spec").path("kafka").path("listeners")) {
                if (!listener.path("tls").asBoolean(true) && "internal".equals(listener.path("type").asText())) {
                    return name(kafka) + "-kafka-bootstrap:" + listener.path("port").asInt();
                }
            }
            problems.add("Kafka " + name(kafka) + ": no internal plain listener for the services");
        }
        for (ObjectNode workload : ofKind("StatefulSet")) {
            String image = containers(workload).path(0).path("image").asText();
            if (!image.startsWith("apache/kafka:")) {
                continue;
            }
            if (!image.equals(expected.kafkaImage())) {
                problems.add("StatefulSet " + name(workload) + ": image " + image + " is not " + expected.kafkaImage());
            }
            for (ObjectNode service : ofKind("Service")) {
                if (subset(service.path("spec").path("selector"),
                        workload.path("spec").path("template").path("metadata").path("labels"))) {
                    return name(service) + ":" + service.path("spec").path("ports").path(0).path("port").asInt();
                }
            }
        }
        problems.add("the overlay has no Kafka (Strimzi Kafka resource or a Kafka StatefulSet)");
        return "?";
    }

    /** An in-overlay MongoDB must be the replica set the services' connection strings name. */
    private void mongo() {
        for (ObjectNode workload : ofKind("StatefulSet")) {
            JsonNode container = containers(workload).path(0);
            if (!container.path("image").asText().startsWith("mongo:")) {
                continue;
            }
            if (!container.path("image").asText().equals(expected.mongoImage())) {
                problems.add("StatefulSet " + name(workload) + ": image is not " + expected.mongoImage());
            }
            String args = container.path("args").toString() + container.path("command");
            String member = name(workload) + "-0." + workload.path("spec").path("serviceName").asText() + ":27017";
            for (ObjectNode secret : ofKind("Secret")) {
                for (Iterator<Map.Entry<String, JsonNode>> entries = secret.path("stringData").fields(); entries.hasNext(); ) {
                    String uri = entries.next().getValue().asText();
                    if (!uri.startsWith("mongodb://")) {
                        continue;
                    }
                    String replicaSet = uri.replaceAll(".*replicaSet=([^&]+).*", "$1");
                    if (!uri.startsWith("mongodb://" + member + "/") || !args.contains("\"" + replicaSet + "\"")
                            || !args.contains("--replSet")) {
                        problems.add("Secret " + name(secret) + ": " + uri + " does not name the replica set member "
                                + member + " of " + name(workload));
                    }
                }
            }
            Set<String> initTargets = new LinkedHashSet<>();
            for (ObjectNode job : ofKind("Job")) {
                if (containers(job).toString().contains("rs.initiate") && containers(job).toString().contains(member)) {
                    initTargets.add(name(job));
                }
            }
            if (initTargets.isEmpty()) {
                problems.add("StatefulSet " + name(workload) + ": no Job initiates its replica set at " + member);
            }
        }
    }

    private static JsonNode containers(ObjectNode object) {
        return object.path("spec").path("template").path("spec").path("containers");
    }

    static boolean subset(JsonNode selector, JsonNode labels) {
        if (selector.isEmpty()) {
            return true;
        }
        for (Iterator<Map.Entry<String, JsonNode>> entries = selector.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private List<ObjectNode> ofKind(String kind) {
        return objects.stream().filter(object -> kind(object).equals(kind)).toList();
    }

    private ObjectNode find(String kind, String name) {
        return objects.stream().filter(object -> kind(object).equals(kind) && name(object).equals(name)).findFirst()
                .orElse(null);
    }

    private static String kind(JsonNode object) {
        return object.path("kind").asText();
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /**
     * The port of the actuator when the service keeps it apart from its public port ({@code management.server.port},
     * e.g. the gateway's, whose meters name clients), or null when the actuator is on the public port.
     */
    static Integer managementPort(ServiceModule module) {
        String value = module.property("management.server.port");
        if (value == null) {
            return null;
        }
        java.util.regex.Matcher placeholder = java.util.regex.Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}|(\\d+)")
                .matcher(value.strip());
        if (!placeholder.matches()) {
            throw new IllegalStateException(module.name() + ": management.server.port is '" + value
                    + "', expected a number or ${VARIABLE:<number>}");
        }
        return Integer.parseInt(placeholder.group(1) != null ? placeholder.group(1) : placeholder.group(2));
    }
}
