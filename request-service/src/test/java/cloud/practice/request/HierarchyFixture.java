package cloud.practice.request;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.support.tree.OrgUnitDirectory;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.awaitility.Awaitility.await;

/**
 * Publishes a small district tree on the hierarchy topic exactly as hierarchy-service would (one stream keyed by
 * the district): center → institute i-jl → stations s-pl (盘龙社区) and s-jly (九龙园社区); and the sub-center sc-law
 * (platform LEGAL) under the center.
 */
final class HierarchyFixture {

    private HierarchyFixture() {
    }

    static void publishTree(String district) {
        List<DomainEvent> events = List.of(
                unit(district, "center", OrgTier.CENTER, null, null, List.of()),
                unit(district, "i-jl", OrgTier.INSTITUTE, "center", null, List.of()),
                unit(district, "s-pl", OrgTier.STATION, "i-jl", new GeoPoint(29.5069, 106.5107), List.of("盘龙社区")),
                unit(district, "s-jly", OrgTier.STATION, "i-jl", new GeoPoint(29.5400, 106.4600), List.of("九龙园社区")),
                new OrgUnitEstablished("sc-law", district, "SC-LAW", "法律服务分中心", OrgTier.SUB_CENTER, "center", null,
                        null, null, Set.of(ServicePlatform.LEGAL), List.of(), LocalDate.of(2026, 1, 1)));
        KafkaFacts.publish("OrgTree", district, events);
    }

    /**
     * {@link #publishTree} and wait until the service's tree holds every unit, for tests whose first call needs a
     * unit to be known (publishing is asynchronous: the directory is a consumer of the topic).
     */
    static void publishTreeAndAwait(String district, OrgUnitDirectory units) {
        publishTree(district);
        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("center", "i-jl", "s-pl", "s-jly", "sc-law")
                .stream().allMatch(id -> units.unit(district, id).isPresent()));
    }

    private static OrgUnitEstablished unit(String district, String id, OrgTier tier, String parent, GeoPoint location,
                                           List<String> communities) {
        return new OrgUnitEstablished(id, district, id.toUpperCase(), id, tier, parent, null, null, location,
                Set.of(ServicePlatform.CARE), communities, LocalDate.of(2026, 1, 1));
    }
}
