package cloud.practice.events.contract;

import cloud.practice.events.CloudEventAttributes;
import cloud.practice.events.DomainEvent;
import cloud.practice.events.EventCatalog;
import cloud.practice.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The published contracts cannot drift: every catalogued event has a frozen JSON Schema and golden sample per
 * revision; samples validate; the record of the current revision still matches its frozen schema and reads its
 * sample back unchanged. Changing a record without bumping its revision fails here (ADR 0003).
 *
 * <p>New events or revisions: {@code ./mvnw -pl shared-events test -Dcontracts.write=true} writes the missing
 * files (never overwrites one); review and commit them.
 */
class EventContractTest {

    static final Path CONTRACTS = Path.of("src/main/resources/events");
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static Stream<Class<? extends DomainEvent>> events() {
        return EventCatalog.all().stream();
    }

    static Stream<Path> samples() throws IOException {
        try (Stream<Path> files = Files.walk(CONTRACTS)) {
            return files.filter(f -> f.toString().endsWith(".sample.json")).sorted().toList().stream();
        }
    }

    static Path schemaFile(Class<?> event, int revision) {
        return CONTRACTS.resolve(EventCatalog.contextOf(event).id()).resolve(event.getSimpleName())
                .resolve("v" + revision + ".schema.json");
    }

    static Path sampleFile(Class<?> event, int revision) {
        return schemaFile(event, revision).resolveSibling("v" + revision + ".sample.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void shouldHaveAFrozenSchemaAndSampleForTheCurrentRevision(Class<? extends DomainEvent> event) throws IOException {
        int revision = EventCatalog.metaOf(event).revision();
        Path schema = schemaFile(event, revision);
        Path sample = sampleFile(event, revision);
        if (Boolean.getBoolean("contracts.write")) {
            writeIfMissing(schema, SchemaGenerator.schemaOf(event));
            writeIfMissing(sample, ContractJson.STRICT.valueToTree(SampleFactory.sampleOf(event)));
        }
        assertThat(schema).as("schema of %s (run with -Dcontracts.write=true to create it)", event.getSimpleName())
                .exists();
        assertThat(sample).as("golden sample of %s", event.getSimpleName()).exists();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void shouldMatchTheFrozenSchemaOfItsCurrentRevision(Class<? extends DomainEvent> event) throws IOException {
        Path schema = schemaFile(event, EventCatalog.metaOf(event).revision());
        assertThat(read(schema))
                .as("%s changed without a revision bump: a new revision needs a new schema, sample and upcaster",
                        event.getSimpleName())
                .isEqualTo(SchemaGenerator.schemaOf(event));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldValidateEveryGoldenSampleAgainstItsSchema(Path sample) throws IOException {
        Path schema = sample.resolveSibling(sample.getFileName().toString().replace(".sample.", ".schema."));
        Set<ValidationMessage> errors = SCHEMAS.getSchema(read(schema)).validate(read(sample));
        assertThat(errors).as("validation of %s", sample).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void shouldRoundTripTheGoldenSampleOfTheCurrentRevision(Class<? extends DomainEvent> event) throws IOException {
        JsonNode golden = read(sampleFile(event, EventCatalog.metaOf(event).revision()));
        Object parsed = ContractJson.STRICT.treeToValue(golden, event);
        assertThat((JsonNode) ContractJson.STRICT.valueToTree(parsed)).isEqualTo(golden);
    }

    @Test
    void shouldRejectASampleWithAMissingOrMistypedField() throws IOException {
        Class<?> event = EventCatalog.all().get(0);
        JsonSchema schema = SCHEMAS.getSchema(read(schemaFile(event, 1)));
        ObjectNode missing = (ObjectNode) read(sampleFile(event, 1));
        missing.remove("districtId");
        ObjectNode mistyped = (ObjectNode) read(sampleFile(event, 1));
        mistyped.put("districtId", 42);
        ObjectNode extra = (ObjectNode) read(sampleFile(event, 1));
        extra.put("unexpected", "x");

        assertThat(schema.validate(missing)).isNotEmpty();
        assertThat(schema.validate(mistyped)).isNotEmpty();
        assertThat(schema.validate(extra)).isNotEmpty();
    }

    @Test
    void shouldListEveryAnnotatedEventOnceWithAUniqueType() throws IOException {
        Path classes = Path.of("target/classes");
        List<String> annotated;
        try (Stream<Path> files = Files.walk(classes)) {
            annotated = files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", ""))
                    .filter(name -> load(name).isAnnotationPresent(EventType.class))
                    .sorted().toList();
        }
        assertThat(EventCatalog.all().stream().map(Class::getName).sorted().toList()).isEqualTo(annotated);
        assertThat(EventCatalog.all().stream().map(CloudEventAttributes::typeOf).collect(Collectors.toSet()))
                .hasSameSizeAs(EventCatalog.all());
        EventCatalog.all().forEach(event ->
                assertThat(EventCatalog.classOf(CloudEventAttributes.typeOf(event))).contains(event));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            return fail("cannot load " + name, e);
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return ContractJson.STRICT.readTree(file.toFile());
    }

    private static void writeIfMissing(Path file, JsonNode content) throws IOException {
        if (Files.notExists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ContractJson.STRICT.writeValueAsString(content) + "\n");
        }
    }
}
