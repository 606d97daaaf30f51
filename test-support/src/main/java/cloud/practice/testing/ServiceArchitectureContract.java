package cloud.practice.testing;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture every service keeps (docs/architecture.md): CQRS inside each feature (read models and controllers
 * never touch the aggregates), a domain free of HTTP, ids resolved only inside their district on the write side, and
 * no service importing another (only shared-events and the shared glue cross a service line). The gateway keeps it
 * too, where it applies.
 * A service's test extends this with its base package; service-specific rules go in the subclass.
 */
public abstract class ServiceArchitectureContract {

    /** Where commands are decided and events from other services are turned into commands or state. */
    private static final String[] WRITE_PATHS = {"..command..", "..messaging..", "..process.."};
    private static final String DISTRICT_LOOKUPS = "cloud.practice.support.tenancy.DistrictLookups";

    private static final List<String> SERVICES = List.of("hierarchy", "volunteer", "request", "reporting",
            "notification", "gateway");

    protected final String basePackage;
    protected final JavaClasses classes;

    protected ServiceArchitectureContract(String basePackage) {
        this.basePackage = basePackage;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    @Test
    void shouldKeepReadModelsIndependentOfTheWriteSide() {
        noClasses().that().resideInAPackage("..query..").should().dependOnClassesThat().resideInAPackage("..command..")
                .check(classes);
    }

    /**
     * Issue 30: aggregates and their rules refuse with the domain's {@code RuleViolation} (service-support's
     * {@code domain} package); only the web layer speaks HTTP, and ProblemHandling translates.
     */
    @Test
    void shouldKeepTheDomainFreeOfHttp() {
        noClasses().that().resideInAPackage("..command..").should().dependOnClassesThat()
                .resideInAnyPackage("..web..", "org.springframework.http..", "org.springframework.web..")
                .check(classes);
    }

    /**
     * Issue 30: features meet through each other's {@code api} and read models, never through another feature's
     * controllers ({@code web}) or aggregates ({@code command}).
     */
    @Test
    void shouldKeepFeaturesOutOfEachOthersWebAndCommands() {
        classes().should(new ArchCondition<JavaClass>("use no other feature's web or command package") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String feature = featureOf(origin.getPackageName());
                if (feature == null) {
                    return;
                }
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    String target = dependency.getTargetClass().getPackageName();
                    String other = featureOf(target);
                    if (other != null && !other.equals(feature)
                            && (inLayer(target, other, "web") || inLayer(target, other, "command"))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        }).check(classes);
    }

    private static boolean inLayer(String packageName, String feature, String layer) {
        String root = feature + "." + layer;
        return packageName.equals(root) || packageName.startsWith(root + ".");
    }

    /** {@code cloud.practice.<service>.<feature>} of a package below the service, or null (the service's root). */
    private String featureOf(String packageName) {
        if (!packageName.startsWith(basePackage + ".")) {
            return null;
        }
        String rest = packageName.substring(basePackage.length() + 1);
        int dot = rest.indexOf('.');
        return basePackage + "." + (dot < 0 ? rest : rest.substring(0, dot));
    }

    /**
     * Issue 30: an aggregate is its feature's internal: nothing outside its {@code command} package names it (commands
     * reach it through the bus), so it is package-private — the compiler then keeps it so, and this test says why.
     */
    @Test
    void shouldKeepAggregatesPackagePrivate() {
        classes().that().areAnnotatedWith("org.axonframework.spring.stereotype.Aggregate").should().notBePublic()
                .check(classes);
    }

    /**
     * Issue 30: everything in a {@code command} package — aggregates, domain rules, their helpers — is the feature's
     * internal: commands come through the bus and the API's records live in {@code api}, so nothing there is public.
     */
    @Test
    void shouldKeepCommandInternalsPackagePrivate() {
        classes().that().resideInAPackage("..command..").and().areTopLevelClasses().should().notBePublic()
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * Issue 30: a feature's internal events (those its aggregates apply that are not {@code shared-events} records)
     * live in one place, the feature's {@code api.<Feature>InternalEvents} holder. Moving one that was ever stored needs
     * a {@code MovedEventTypes} entry (ADR 0022).
     */
    @Test
    void shouldKeepInternalEventsInTheirFeaturesHolder() {
        methods().that().areAnnotatedWith("org.axonframework.eventsourcing.EventSourcingHandler")
                .should(new ArchCondition<JavaMethod>("source internal events from an api.*InternalEvents holder") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        method.getRawParameterTypes().stream().limit(1)
                                .filter(event -> !event.getPackageName().startsWith("cloud.practice.events"))
                                .filter(event -> event.getEnclosingClass().map(holder -> !holder.getSimpleName()
                                        .endsWith("InternalEvents") || !holder.getPackageName().endsWith(".api"))
                                        .orElse(true))
                                .forEach(event -> events.add(SimpleConditionEvent.violated(method,
                                        event.getName() + " (sourced by " + method.getFullName()
                                                + ") is not in its feature's api.*InternalEvents")));
                    }
                })
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * Issue 30: consumers of other services' events live in one place per feature: its {@code messaging} package —
     * or, where consuming is the feature's whole purpose, request-service's {@code directory} (local copies of other
     * services' facts its commands look up) and reporting's {@code projection}.
     */
    @Test
    void shouldKeepConsumersInTheirFeaturesMessagingPackage() {
        classes().that().implement("cloud.practice.support.kafka.InboundEventHandler")
                .should().resideInAnyPackage("..messaging..", "cloud.practice.request.directory..",
                        "cloud.practice.reporting.projection..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void shouldKeepControllersOffTheAggregates() {
        noClasses().that().resideInAPackage("..web..").should().dependOnClassesThat().resideInAPackage("..command..")
                .check(classes);
    }

    /**
     * Issue 20: a command handler or consumer resolves the ids it is given only inside the command's (the event's)
     * district. It reaches stored state only through read models marked {@code @DistrictLookups} — never through the
     * MongoDB driver, Spring Data or an unmarked read model — and every lookup of such a read model takes the
     * district first ({@link #shouldTakeTheDistrictFirstInEveryLookup}).
     */
    @Test
    void shouldResolveIdsInCommandsAndConsumersOnlyThroughDistrictLookups() {
        noClasses().that().resideInAnyPackage(WRITE_PATHS)
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.springframework.data.mongodb..")
                .orShould().dependOnClassesThat(DescribedPredicate.describe(
                        "read models that reach the store without being marked @DistrictLookups",
                        (JavaClass target) -> target.getPackageName().contains(".query")
                                && readsTheStore(target) && !target.isAnnotatedWith(DISTRICT_LOOKUPS)))
                .allowEmptyShould(true)
                .check(classes);
    }

    /**
     * A class holding a MongoDB collection, database or template: a read model, not a document it returns. (Only
     * read models — the query side — resolve other aggregates; a service's own infrastructure on the write side,
     * like volunteer-service's vault of personal-data keys, is keyed by the aggregate it serves.)
     */
    private static boolean readsTheStore(JavaClass target) {
        return target.getFields().stream().anyMatch(field -> {
            String type = field.getRawType().getName();
            return type.startsWith("com.mongodb.client.") || type.startsWith("org.springframework.data.mongodb.core.");
        });
    }

    @Test
    void shouldTakeTheDistrictFirstInEveryLookup() {
        methods().that().areDeclaredInClassesThat().areAnnotatedWith(DISTRICT_LOOKUPS).and().arePublic()
                .and().areNotStatic()
                .should(new ArchCondition<JavaMethod>("take the district first when they look up by a text") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        java.lang.reflect.Method reflected = method.reflect();
                        if (reflected.getReturnType() == void.class || reflected.getParameterCount() == 0
                                || reflected.getParameterTypes()[0] != String.class) {
                            return;
                        }
                        String first = reflected.getParameters()[0].getName();
                        if (!first.equals("districtId")) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " looks up by '" + first + "' first, not by 'districtId'"));
                        }
                    }
                })
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void shouldNotImportAnotherService() {
        String[] others = SERVICES.stream().map(service -> "cloud.practice." + service + "..")
                .filter(pattern -> !pattern.equals(basePackage + "..")).toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
    }
}
