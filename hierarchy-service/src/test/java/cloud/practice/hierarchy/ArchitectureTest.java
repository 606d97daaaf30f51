package cloud.practice.hierarchy;

import cloud.practice.testing.ServiceArchitectureContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Package by feature, CQRS inside the feature, and no service imports another. */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.hierarchy");
    }

    /** Aggregates and their rules refuse with a RuleViolation; only the web layer speaks HTTP (issue 30). */
    @Test
    void shouldKeepTheDomainFreeOfHttp() {
        noClasses().that().resideInAPackage("..command..").should().dependOnClassesThat()
                .resideInAnyPackage("..web..", "org.springframework.http..", "org.springframework.web..")
                .check(classes);
    }
}
