package cloud.practice.hierarchy.tree;

import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.hierarchy.tree.api.ManagerRole;
import cloud.practice.support.security.Role;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The issuer grants ManagerAssigned.role as the platform role: every manager role must be a unit's admin role. */
class ManagerRoleTest {

    @Test
    void shouldNameAnAdminRoleOfTheUnitForEveryManagerRole() {
        for (ManagerRole managerRole : ManagerRole.values()) {
            Role role = Role.parse(managerRole.name()).orElseThrow(() -> new AssertionError(managerRole + " is no role"));
            assertThat(role.name()).isEqualTo(managerRole.name());
            assertThat(role.isAdmin() || role == Role.SUBCENTER_ADMIN).as("%s administers a unit", role).isTrue();
            assertThat(role.needsUnit()).as("%s is bound to the unit it manages", role).isTrue();
        }
    }

    @Test
    void shouldFitEachTierWithExactlyOneRole() {
        for (OrgTier tier : OrgTier.values()) {
            assertThat(Arrays.stream(ManagerRole.values()).filter(role -> role.fits(tier)))
                    .as("roles fitting %s", tier).containsExactly(ManagerRole.of(tier));
        }
        assertThat(ManagerRole.of(OrgTier.CENTER)).isEqualTo(ManagerRole.DISTRICT_ADMIN);
        assertThat(ManagerRole.of(OrgTier.SUB_CENTER)).isEqualTo(ManagerRole.SUBCENTER_ADMIN);
        assertThat(ManagerRole.of(OrgTier.INSTITUTE)).isEqualTo(ManagerRole.INSTITUTE_ADMIN);
        assertThat(ManagerRole.of(OrgTier.STATION)).isEqualTo(ManagerRole.STATION_ADMIN);
        assertThat(ManagerRole.of(OrgTier.POINT)).isEqualTo(ManagerRole.STATION_ADMIN);
    }
}
