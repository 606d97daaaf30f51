package cloud.practice.volunteer;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Package by feature, CQRS inside the feature, personal data only through the privacy package, no other service. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("cloud.practice.volunteer");

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
    void shouldKeepFeaturesApartExceptThroughTheirApiAndReadModels() {
        noClasses().that().resideInAnyPackage("..team..", "..hours..").should().dependOnClassesThat()
                .resideInAPackage("cloud.practice.volunteer.registry.command..").check(classes);
        noClasses().that().resideInAnyPackage("..registry..", "..hours..").should().dependOnClassesThat()
                .resideInAPackage("cloud.practice.volunteer.team.command..").check(classes);
        noClasses().that().resideInAnyPackage("..registry..", "..team..").should().dependOnClassesThat()
                .resideInAPackage("cloud.practice.volunteer.hours.command..").check(classes);
    }

    @Test
    void shouldNotImportAnotherService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("cloud.practice.hierarchy..",
                "cloud.practice.request..", "cloud.practice.reporting..", "cloud.practice.gateway..").check(classes);
    }
}
