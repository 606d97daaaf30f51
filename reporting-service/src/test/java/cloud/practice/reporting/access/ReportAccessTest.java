package cloud.practice.reporting.access;

import cloud.practice.reporting.access.ReportAccess.Visibility;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.config.ReportingSettings.City;
import cloud.practice.reporting.config.ReportingSettings.CityDistrict;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.security.Scopes;
import cloud.practice.support.web.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ReportAccess's decision for every role of the district (the web matrix is ReportAccessIT). */
class ReportAccessTest {

    private static final String DISTRICT = "cq-jiulongpo";
    private final ReportAccess access = new ReportAccess(withCity());

    /** The defaults with one city, cq: the district and cq-yuzhong. */
    private static ReportingSettings withCity() {
        ReportingSettings d = ReportingSettings.defaults();
        return new ReportingSettings(d.defaultZone(), d.zones(), d.defaultView(), d.supplyRadiusKm(), d.maxPeriods(),
                d.maxPageSize(), d.switchLag(), d.monitorInterval(), d.sla(), d.consumerThreads(),
                Map.of("cq", new City("重庆市", List.of(new CityDistrict(DISTRICT, "九龙坡区"),
                        new CityDistrict("cq-yuzhong", "渝中区")))));
    }

    private static Caller cityAnalyst(String city) {
        return new Caller("acc-city", Role.CITY_ANALYST, null, null, Set.copyOf(Scopes.ALL), null, false, city);
    }

    private static Caller caller(Role role, String district, String unit) {
        // Every scope: the policy, not the scope, must be what decides here.
        return new Caller("someone", role, district, unit, Set.copyOf(Scopes.ALL));
    }

    @Test
    void shouldLetASubCenterAdminReadTheWholeDistrictWithoutNamesLikeADistrictLevelAnalyst() {
        Visibility subcenter = access.of(caller(Role.SUBCENTER_ADMIN, DISTRICT, "sc-1"), DISTRICT);
        assertThat(subcenter).isEqualTo(new Visibility(DISTRICT, null, false, false));
        assertThat(access.of(caller(Role.ANALYST, DISTRICT, "center"), DISTRICT))
                .isEqualTo(new Visibility(DISTRICT, "center", false, false));
    }

    @Test
    void shouldRefuseReportsToGridWorkersVolunteersAndResidentsWhateverTheirScopes() {
        for (Role role : new Role[] {Role.GRID_WORKER, Role.VOLUNTEER, Role.TEAM_LEADER, Role.RESIDENT}) {
            assertThatThrownBy(() -> access.of(caller(role, DISTRICT, "s-1"), DISTRICT)).as("%s", role)
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        }
    }

    @Test
    void shouldLetACitysAnalystReadEachOfItsDistrictsWholeWithoutNamesAndNoOtherDistrict() {
        for (String district : List.of(DISTRICT, "cq-yuzhong")) {
            assertThat(access.of(cityAnalyst("cq"), district)).isEqualTo(new Visibility(district, null, false, false));
        }
        for (String district : List.of("sc-chengdu", "cq-missing")) {
            assertThatThrownBy(() -> access.of(cityAnalyst("cq"), district)).as(district)
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
        }
        assertThatThrownBy(() -> access.of(cityAnalyst("sc"), DISTRICT)).as("the analyst of another city")
                .isInstanceOf(ApiException.class);
    }

    @Test
    void shouldLetOnlyTheCitysAnalystsAndPlatformClientsReadACity() {
        access.requireCity(cityAnalyst("cq"), "cq");
        access.requireCity(new Caller("ops", Role.SYSTEM, null, null, Set.of()), "cq");
        assertThat(access.readableCity(cityAnalyst("cq"))).contains("cq");
        assertThat(access.readableCity(new Caller("ops", Role.SYSTEM, null, null, Set.of()))).isEmpty();
        assertThatThrownBy(() -> access.requireCity(cityAnalyst("sc"), "cq")).isInstanceOf(ApiException.class);
        for (Role role : Role.values()) {
            if (role == Role.CITY_ANALYST) {
                continue;
            }
            Caller ofTheDistrict = caller(role, DISTRICT, role == Role.SYSTEM ? null : "center");
            assertThatThrownBy(() -> access.requireCity(ofTheDistrict, "cq")).as("%s", role)
                    .isInstanceOfSatisfying(ApiException.class,
                            e -> assertThat(e.status()).isEqualTo(HttpStatus.FORBIDDEN));
            assertThatThrownBy(() -> access.readableCity(ofTheDistrict)).as("%s", role)
                    .isInstanceOf(ApiException.class);
        }
    }

    @Test
    void shouldRefuseEveryRoleOfAnotherDistrict() {
        for (Role role : Role.values()) {
            assertThatThrownBy(() -> access.of(caller(role, "cq-else", "center"), DISTRICT)).as("%s", role)
                    .isInstanceOf(ApiException.class);
        }
    }

    @Test
    void shouldScopeAdminsToTheirSubtreeWithNames() {
        for (Role role : new Role[] {Role.DISTRICT_ADMIN, Role.INSTITUTE_ADMIN, Role.STATION_ADMIN}) {
            assertThat(access.of(caller(role, DISTRICT, "i-1"), DISTRICT)).as("%s", role)
                    .isEqualTo(new Visibility(DISTRICT, "i-1", true, false));
        }
        assertThat(access.of(new Caller("bi", Role.SYSTEM, DISTRICT, null, Set.of()), DISTRICT))
                .isEqualTo(new Visibility(DISTRICT, null, true, false));
        assertThat(access.of(new Caller("ops", Role.SYSTEM, null, null, Set.of()), DISTRICT))
                .isEqualTo(new Visibility(DISTRICT, null, true, true));
    }
}
