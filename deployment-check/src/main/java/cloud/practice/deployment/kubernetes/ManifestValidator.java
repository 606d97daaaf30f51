package cloud.practice.deployment.kubernetes;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Schema-level validation of one Kubernetes object, offline, by three independent checks:
 * <ol>
 *   <li>the official Kubernetes Java client's models (generated from the Kubernetes 1.33 OpenAPI document): every
 *       field must be known, every required field present, objects, lists and scalars in their places;</li>
 *   <li>the fabric8 model (and Strimzi's, built on it, for {@code kafka.strimzi.io} resources): the object must bind
 *       with strict scalar types (a number where a string belongs is an error, as for the API server), and nothing may
 *       end up in a model's {@code additionalProperties} (an unknown field at any depth);</li>
 *   <li>{@link ObjectRules}: what the API server's validation would refuse in one object (names, selectors, ports,
 *       probes, resources).</li>
 * </ol>
 * Only the kinds listed in {@link #KINDS} are accepted; anything else is reported, not waved through.
 */
public final class ManifestValidator {

    /** apiVersion + kind → the fabric8/Strimzi class and the official client's model (null for custom resources). */
    static final Map<String, Kind> KINDS = Map.ofEntries(
            kind("v1", "Namespace", io.fabric8.kubernetes.api.model.Namespace.class, "V1Namespace"),
            kind("v1", "ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class, "V1ConfigMap"),
            kind("v1", "Secret", io.fabric8.kubernetes.api.model.Secret.class, "V1Secret"),
            kind("v1", "Service", io.fabric8.kubernetes.api.model.Service.class, "V1Service"),
            kind("v1", "ServiceAccount", io.fabric8.kubernetes.api.model.ServiceAccount.class, "V1ServiceAccount"),
            kind("apps/v1", "Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class, "V1Deployment"),
            kind("apps/v1", "StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class, "V1StatefulSet"),
            kind("batch/v1", "Job", io.fabric8.kubernetes.api.model.batch.v1.Job.class, "V1Job"),
            kind("autoscaling/v2", "HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class,
                    "V2HorizontalPodAutoscaler"),
            kind("policy/v1", "PodDisruptionBudget",
                    io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class, "V1PodDisruptionBudget"),
            kind("networking.k8s.io/v1", "NetworkPolicy",
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class, "V1NetworkPolicy"),
            kind("networking.k8s.io/v1", "Ingress", io.fabric8.kubernetes.api.model.networking.v1.Ingress.class,
                    "V1Ingress"),
            kind("kafka.strimzi.io/v1beta2", "Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class, null),
            kind("kafka.strimzi.io/v1beta2", "KafkaNodePool",
                    io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class, null),
            kind("kafka.strimzi.io/v1beta2", "KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class, null));

    private static final String OFFICIAL_MODELS = "io.kubernetes.client.openapi.models.";
    /** Model classes (Strimzi's resources extend fabric8's CustomResource, in io.fabric8.kubernetes.client). */
    private static final Set<String> MODEL_PACKAGES = Set.of("io.fabric8.kubernetes.", "io.strimzi.api.");

    private final ObjectMapper mapper = strictMapper();

    record Kind(Class<?> model, String officialModel) {
    }

    private static Map.Entry<String, Kind> kind(String apiVersion, String kind, Class<?> model, String official) {
        return Map.entry(apiVersion + " " + kind, new Kind(model, official));
    }

    /** The problems of one object, each prefixed with {@code Kind/name}; empty when it is valid. */
    public List<String> validate(ObjectNode object) {
        String apiVersion = object.path("apiVersion").asText("");
        String kindName = object.path("kind").asText("");
        String label = kindName + "/" + object.path("metadata").path("name").asText("<no name>");
        List<String> problems = new ArrayList<>();
        Kind kind = KINDS.get(apiVersion + " " + kindName);
        if (kind == null) {
            problems.add(label + ": apiVersion " + apiVersion + " kind " + kindName
                    + " is not one this check knows (add it to ManifestValidator.KINDS with its models)");
            return problems;
        }
        if (kind.officialModel() != null) {
            officialSchema(object, kind.officialModel()).ifPresent(problem -> problems.add(label + ": " + problem));
        }
        try {
            Object bound = mapper.treeToValue(object, kind.model());
            List<String> unknown = new ArrayList<>();
            unknownFields(bound, "", unknown, Collections.newSetFromMap(new IdentityHashMap<>()));
            unknown.forEach(problem -> problems.add(label + ": " + problem));
        } catch (Exception e) {
            problems.add(label + ": does not bind to " + kind.model().getSimpleName() + ": " + firstLine(e.getMessage()));
        }
        ObjectRules.check(object).forEach(problem -> problems.add(label + ": " + problem));
        return problems;
    }

    private static java.util.Optional<String> officialSchema(ObjectNode object, String modelName) {
        ObjectNode copy = object.deepCopy();
        copy.remove("status");
        JsonElement element = JsonParser.parseString(copy.toString());
        try {
            Class<?> model = Class.forName(OFFICIAL_MODELS + modelName);
            Method validate = model.getMethod("validateJsonElement", JsonElement.class);
            validate.invoke(null, element);
            return java.util.Optional.empty();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            return java.util.Optional.of("Kubernetes schema (" + modelName + "): " + trimJson(cause.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("official model " + modelName + " not usable", e);
        }
    }

    /** The generated messages end with the whole offending JSON; keep the sentence. */
    private static String trimJson(String message) {
        if (message == null) {
            return "invalid";
        }
        int at = message.indexOf(" JSON: ");
        if (at < 0) {
            at = message.indexOf(" in the JSON string");
        }
        String sentence = at > 0 ? message.substring(0, at) : message;
        return sentence.length() > 200 ? sentence.substring(0, 200) + "…" : sentence;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** Walks the bound model; any additionalProperties entry is a field the schema does not know. */
    private static void unknownFields(Object value, String path, List<String> problems, Set<Object> seen) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?>) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), problems, seen);
            }
            return;
        }
        if (!isModel(value.getClass()) || !seen.add(value)) {
            return;
        }
        for (Class<?> type = value.getClass(); type != null && isModel(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Object fieldValue = read(field, value);
                if (field.getName().equals("additionalProperties")) {
                    if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add("unknown field(s) " + extra.keySet() + " at " + (path.isEmpty() ? "." : path));
                    }
                    continue;
                }
                JsonProperty property = field.getAnnotation(JsonProperty.class);
                String name = property != null && !property.value().isEmpty() ? property.value() : field.getName();
                unknownFields(fieldValue, path + "." + name, problems, seen);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return MODEL_PACKAGES.stream().anyMatch(name::startsWith);
    }

    private static Object read(Field field, Object target) {
        try {
            field.setAccessible(true);
            return field.get(target);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** Scalars as the API server decodes them: no number for a string, no string for a number or a boolean. */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return mapper;
    }

    /** Validates each object and returns every problem of all of them. */
    public List<String> validateAll(Collection<ObjectNode> objects) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : objects) {
            problems.addAll(validate(object));
        }
        return problems;
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            current = current.path(field);
        }
        return current;
    }
}
