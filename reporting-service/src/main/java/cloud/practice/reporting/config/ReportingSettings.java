package cloud.practice.reporting.config;

import cloud.practice.reporting.report.TreeView;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * reporting-service's own settings ({@code practice.reporting.*}).
 *
 * @param defaultZone    zone periods are bucketed in, unless {@code zones} names one for the district
 * @param zones          district id → IANA zone
 * @param defaultView    which tree figures are rolled up against when a query does not say
 * @param supplyRadiusKm how near a volunteer must live to count as supply for a grid's unmet demand
 * @param maxPeriods     the most periods one query may span (a bad filter beyond)
 * @param maxPageSize    the largest page a query may ask for
 * @param switchLag      a rebuilt version takes over once its lag is at most this many records
 * @param monitorInterval how often lag is measured and a finished rebuild switched
 * @param sla            the target duration of each stage (for SLA compliance)
 * @param consumerThreads consumer threads per projection consumer (partitions are shared among them; each
 *                        aggregate stays on one partition, so its order is kept)
 */
@ConfigurationProperties("practice.reporting")
public record ReportingSettings(
        @DefaultValue("Asia/Shanghai") ZoneId defaultZone,
        Map<String, ZoneId> zones,
        @DefaultValue("then") TreeView defaultView,
        @DefaultValue("3") double supplyRadiusKm,
        @DefaultValue("400") int maxPeriods,
        @DefaultValue("500") int maxPageSize,
        @DefaultValue("0") long switchLag,
        @DefaultValue("1s") Duration monitorInterval,
        @DefaultValue Sla sla,
        @DefaultValue("1") int consumerThreads) {

    public ReportingSettings {
        zones = zones == null ? Map.of() : Map.copyOf(zones);
    }

    public ZoneId zoneOf(String districtId) {
        return zones.getOrDefault(districtId, defaultZone);
    }

    public record Sla(@DefaultValue("PT4H") Duration review, @DefaultValue("PT8H") Duration dispatch,
                      @DefaultValue("PT24H") Duration accept, @DefaultValue("PT72H") Duration complete) {
    }

    /** Defaults, for tests and tools that build the engine without Spring. */
    public static ReportingSettings defaults() {
        return new ReportingSettings(ZoneId.of("Asia/Shanghai"), Map.of(), TreeView.THEN, 3, 400, 500, 0,
                Duration.ofSeconds(1), new Sla(Duration.ofHours(4), Duration.ofHours(8), Duration.ofHours(24),
                Duration.ofHours(72)), 1);
    }
}
