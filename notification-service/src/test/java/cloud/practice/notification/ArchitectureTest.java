package cloud.practice.notification;

import cloud.practice.testing.ServiceArchitectureContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Access decisions stay in NoticeAccess: no other class looks at the caller's role or scopes. */
class ArchitectureTest extends ServiceArchitectureContract {

    ArchitectureTest() {
        super("cloud.practice.notification");
    }

    @Test
    void shouldDecideAccessOnlyInNoticeAccess() {
        noClasses().that().resideOutsideOfPackage("cloud.practice.notification.access..").should()
                .dependOnClassesThat().haveFullyQualifiedName("cloud.practice.support.security.Role")
                .check(classes);
    }

    @Test
    void shouldKeepChannelsBehindTheirPort() {
        noClasses().that().resideOutsideOfPackages("cloud.practice.notification.channel..").should()
                .dependOnClassesThat().resideInAPackage("cloud.practice.notification.channel..")
                .check(classes);
    }
}
