package cloud.practice.auth.roles;

import cloud.practice.auth.people.Account;
import cloud.practice.auth.people.AccountKind;
import cloud.practice.auth.people.AccountStatus;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.support.security.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoleDerivationTest {

    static Account resident(AccountStatus status) {
        return new Account("acc-1", "jlp", AccountKind.RESIDENT, status, null, "13812345678", null, null, null, null,
                null, false, Instant.EPOCH);
    }

    static Account staff(Role role, String unit) {
        return new Account("acc-2", "jlp", AccountKind.STAFF, AccountStatus.ACTIVE, "staff-1", null, "{bcrypt}x",
                role, unit, null, null, false, Instant.EPOCH);
    }

    @Test
    void shouldTakeTheEventsAdminRoleOrElseTheUnitsTier() {
        assertThat(RoleDerivation.grantRole("STATION_ADMIN", OrgTier.POINT)).contains(Role.STATION_ADMIN);
        assertThat(RoleDerivation.grantRole("SUB_CENTER_ADMIN", null)).contains(Role.SUBCENTER_ADMIN);
        assertThat(RoleDerivation.grantRole("ANALYST", OrgTier.STATION)).as("an analyst stays an analyst")
                .contains(Role.ANALYST);
        assertThat(RoleDerivation.grantRole("VOLUNTEER", OrgTier.CENTER)).contains(Role.DISTRICT_ADMIN);
        assertThat(RoleDerivation.grantRole("manager", OrgTier.SUB_CENTER)).contains(Role.SUBCENTER_ADMIN);
        assertThat(RoleDerivation.grantRole(null, OrgTier.INSTITUTE)).contains(Role.INSTITUTE_ADMIN);
        assertThat(RoleDerivation.grantRole(null, OrgTier.STATION)).contains(Role.STATION_ADMIN);
        assertThat(RoleDerivation.grantRole(null, OrgTier.POINT)).contains(Role.STATION_ADMIN);
        assertThat(RoleDerivation.grantRole("VOLUNTEER", null)).as("no role named, tier unknown: nothing").isEmpty();
    }

    @Test
    void shouldPutTheTreeFirstAndTheHighestGrantOfSeveral() {
        Standing standing = RoleDerivation.derive(staff(Role.GRID_WORKER, "s-1"), List.of(
                new RoleDerivation.Grant("s-3-2", Role.STATION_ADMIN), new RoleDerivation.Grant("i-3", Role.INSTITUTE_ADMIN),
                new RoleDerivation.Grant("c", Role.ANALYST)), "vol-1", true).orElseThrow();
        assertThat(standing).isEqualTo(new Standing(Role.INSTITUTE_ADMIN, "i-3", true, "vol-1"));
    }

    @Test
    void shouldFallBackToTheStaffRoleThenTheRegistryThenResident() {
        assertThat(RoleDerivation.derive(staff(Role.GRID_WORKER, "s-1"), List.of(), null, false)).contains(
                new Standing(Role.GRID_WORKER, "s-1", false, null));
        assertThat(RoleDerivation.derive(staff(Role.ANALYST, "c"), List.of(), "vol-9", true)).as("staff over registry")
                .contains(new Standing(Role.ANALYST, "c", false, "vol-9"));
        assertThat(RoleDerivation.derive(resident(AccountStatus.ACTIVE), List.of(), "vol-1", true))
                .contains(new Standing(Role.TEAM_LEADER, null, false, "vol-1"));
        assertThat(RoleDerivation.derive(resident(AccountStatus.ACTIVE), List.of(), "vol-1", false))
                .contains(new Standing(Role.VOLUNTEER, null, false, "vol-1"));
        assertThat(RoleDerivation.derive(resident(AccountStatus.ACTIVE), List.of(), null, false))
                .contains(new Standing(Role.RESIDENT, null, false, null));
    }

    @Test
    void shouldGiveNoStandingToDisabledOrClosedAccounts() {
        assertThat(RoleDerivation.derive(resident(AccountStatus.DISABLED), List.of(
                new RoleDerivation.Grant("s-1", Role.STATION_ADMIN)), null, false)).isEmpty();
        assertThat(RoleDerivation.derive(resident(AccountStatus.CLOSED), List.of(), "vol-1", false)).isEmpty();
    }

    @Test
    void shouldMakeACityAnalystThatAndNothingElse() {
        Account analyst = Account.newCityAnalyst("analyst-city", "cq", "analyst-city", "{bcrypt}x", null, false,
                Instant.EPOCH);
        assertThat(RoleDerivation.derive(analyst, List.of(), null, false))
                .contains(new Standing(Role.CITY_ANALYST, null, false, null, "cq"));
        assertThat(RoleDerivation.derive(analyst, List.of(new RoleDerivation.Grant("center", Role.DISTRICT_ADMIN)),
                "vol-1", true)).as("the tree and the registry are a district's: they never reach a city's analyst")
                .contains(Standing.cityAnalyst("cq"));
    }

    @Test
    void shouldGiveNoStandingToAnAccountThatCannotBeScoped() {
        Account withoutCity = new Account("c-1", null, AccountKind.STAFF, AccountStatus.ACTIVE, "c-1", null,
                "{bcrypt}x", Role.CITY_ANALYST, null, null, null, false, Instant.EPOCH, null);
        Account inADistrict = new Account("c-2", "jlp", AccountKind.STAFF, AccountStatus.ACTIVE, "c-2", null,
                "{bcrypt}x", Role.CITY_ANALYST, null, null, null, false, Instant.EPOCH, "cq");
        Account ofNoDistrict = new Account("r-1", null, AccountKind.RESIDENT, AccountStatus.ACTIVE, null, null, null,
                null, null, null, null, false, Instant.EPOCH, null);
        Account disabled = new Account("c-3", null, AccountKind.STAFF, AccountStatus.DISABLED, "c-3", null,
                "{bcrypt}x", Role.CITY_ANALYST, null, null, null, false, Instant.EPOCH, "cq");
        for (Account account : List.of(withoutCity, inADistrict, ofNoDistrict, disabled)) {
            assertThat(RoleDerivation.derive(account, List.of(), null, false)).as(account.accountId()).isEmpty();
        }
    }
}
