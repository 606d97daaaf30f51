package cloud.practice.hierarchy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Package by feature, CQRS inside the feature, and no service imports another. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cloud.practice.hierarchy");

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
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cloud.practice.volunteer..",
                "cloud.practice.request..", "cloud.practice.reporting..", "cloud.practice.gateway..").check(classes);
    }
}
