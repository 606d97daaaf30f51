package cloud.practice.request;

import cloud.practice.events.DomainEvent;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitEstablished;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

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

    private static OrgUnitEstablished unit(String district, String id, OrgTier tier, String parent, GeoPoint location,
                                           List<String> communities) {
        return new OrgUnitEstablished(id, district, id.toUpperCase(), id, tier, parent, null, null, location,
                Set.of(ServicePlatform.CARE), communities, LocalDate.of(2026, 1, 1));
    }
}
