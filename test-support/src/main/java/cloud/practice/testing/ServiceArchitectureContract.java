package cloud.practice.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture every service keeps: CQRS inside each feature (read models and controllers never touch the
 * aggregates) and no service importing another (only shared-events and the shared glue cross a service line).
 * A service's test extends this with its base package; service-specific rules go in the subclass.
 */
public abstract class ServiceArchitectureContract {

    private static final List<String> SERVICES = List.of("hierarchy", "volunteer", "request", "reporting", "gateway");

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

    @Test
    void shouldKeepControllersOffTheAggregates() {
        noClasses().that().resideInAPackage("..web..").should().dependOnClassesThat().resideInAPackage("..command..")
                .check(classes);
    }

    @Test
    void shouldNotImportAnotherService() {
        String[] others = SERVICES.stream().map(service -> "cloud.practice." + service + "..")
                .filter(pattern -> !pattern.equals(basePackage + "..")).toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(others).check(classes);
    }
}
