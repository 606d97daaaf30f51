package cloud.practice.volunteer;

import cloud.practice.testing.ServiceArchitectureContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Package by feature, CQRS inside the feature, personal data only through the privacy package, no other service, and
 * a domain that knows nothing of HTTP.
 */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.volunteer");
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
}
