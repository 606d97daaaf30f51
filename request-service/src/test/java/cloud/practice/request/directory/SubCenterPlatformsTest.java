package cloud.practice.request.directory;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitDetailsChanged;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitMerged;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A sub-center's platforms per (district, unit), from the hierarchy topic; other tiers and closed ones run none. */
class SubCenterPlatformsTest {

    static final LocalDate DAY = LocalDate.of(2026, 1, 1);

    final SubCenterPlatforms subCenters = new Directories().subCenters;

    static OrgUnitEstablished established(String district, String unitId, OrgTier tier, ServicePlatform... platforms) {
        return new OrgUnitEstablished(unitId, district, unitId, unitId, tier, "center", null, null, null,
                Set.of(platforms), List.of(), DAY);
    }

    @Test
    void shouldKnowASubCentersPlatformsOnlyInItsDistrict() {
        Directories.feed(subCenters, established("d-a", "sc-law", OrgTier.SUB_CENTER, ServicePlatform.LEGAL,
                ServicePlatform.CARE));
        Directories.feed(subCenters, established("d-a", "sc-law", OrgTier.SUB_CENTER, ServicePlatform.LEGAL,
                ServicePlatform.CARE));
        assertThat(subCenters.platforms("d-a", "sc-law")).containsExactlyInAnyOrder(ServicePlatform.LEGAL,
                ServicePlatform.CARE);
        assertThat(subCenters.platforms("d-b", "sc-law")).isEmpty();
        assertThat(subCenters.platforms("d-a", "sc-nobody")).isEmpty();
    }

    @Test
    void shouldGrantNothingThroughAUnitThatIsNoSubCenter() {
        Directories.feed(subCenters, established("d-a", "s-pl", OrgTier.STATION, ServicePlatform.CARE));
        Directories.feed(subCenters, new OrgUnitDetailsChanged("s-pl", "d-a", null, null, null,
                Set.of(ServicePlatform.LEGAL), List.of(), DAY));
        assertThat(subCenters.platforms("d-a", "s-pl")).isEmpty();
    }

    @Test
    void shouldFollowChangedPlatformsAndClosure() {
        Directories.feed(subCenters, established("d-a", "sc-1", OrgTier.SUB_CENTER, ServicePlatform.LEGAL));
        Directories.feed(subCenters, new OrgUnitDetailsChanged("sc-1", "d-a", null, null, null,
                Set.of(ServicePlatform.CULTURE), List.of(), DAY));
        assertThat(subCenters.platforms("d-a", "sc-1")).containsExactly(ServicePlatform.CULTURE);

        Directories.feed(subCenters, new OrgUnitStatusChanged("sc-1", "d-a", OrgUnitStatus.SUSPENDED, null, DAY));
        assertThat(subCenters.platforms("d-a", "sc-1")).containsExactly(ServicePlatform.CULTURE);
        Directories.feed(subCenters, new OrgUnitStatusChanged("sc-1", "d-a", OrgUnitStatus.CLOSED, "撤销", DAY));
        assertThat(subCenters.platforms("d-a", "sc-1")).isEmpty();

        Directories.feed(subCenters, established("d-a", "sc-2", OrgTier.SUB_CENTER, ServicePlatform.LEGAL));
        Directories.feed(subCenters, new OrgUnitMerged("sc-2", "d-a", "sc-3", List.of(), List.of(), DAY));
        assertThat(subCenters.platforms("d-a", "sc-2")).isEmpty();
    }
}
