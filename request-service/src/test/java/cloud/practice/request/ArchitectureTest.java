package cloud.practice.request;

import cloud.practice.testing.ServiceArchitectureContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Package by feature (menu, lifecycle, activity), CQRS inside the feature, no service imports another, and a domain
 * that knows nothing of HTTP.
 */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.request");
    }

    @Test
    void shouldKeepTheDomainFreeOfHttp() {
        noClasses().that().resideInAPackage("..command..").should().dependOnClassesThat()
                .resideInAnyPackage("..web..", "org.springframework.http..", "org.springframework.web..")
                .check(classes);
    }
}
