package cloud.practice.reporting;

import cloud.practice.testing.ServiceArchitectureContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Facts (projection) know nothing of reports or HTTP; reports know nothing of HTTP; and every authorisation decision
 * stays in ReportAccess: no other class looks at the caller's identity.
 */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.reporting");
    }

    @Test
    void shouldKeepFactsIndependentOfReportsAndTheWeb() {
        noClasses().that().resideInAPackage("cloud.practice.reporting.projection..").should().dependOnClassesThat()
                .resideInAnyPackage("cloud.practice.reporting.report..", "cloud.practice.reporting.web..",
                        "cloud.practice.reporting.access..").check(classes);
        noClasses().that().resideInAPackage("cloud.practice.reporting.report..").should().dependOnClassesThat()
                .resideInAnyPackage("cloud.practice.reporting.web..", "cloud.practice.reporting.access..")
                .check(classes);
    }

    @Test
    void shouldDecideAccessOnlyInReportAccess() {
        noClasses().that().resideOutsideOfPackage("cloud.practice.reporting.access..").should()
                .dependOnClassesThat().haveFullyQualifiedName("cloud.practice.support.security.Caller")
                .check(classes);
        noClasses().that().resideInAnyPackage("cloud.practice.reporting.web..", "cloud.practice.reporting.report..",
                        "cloud.practice.reporting.projection..").should().dependOnClassesThat()
                .resideInAPackage("cloud.practice.support.security..").check(classes);
    }
}
