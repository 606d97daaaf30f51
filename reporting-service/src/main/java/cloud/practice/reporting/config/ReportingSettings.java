package cloud.practice.reporting.config;

import cloud.practice.reporting.report.TreeView;
import cloud.practice.support.web.ApiFormats;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * @param cities         city id → the city (or province) and the districts it groups, in the order its reports
 *                       list them; a district belongs to at most one city
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
        @DefaultValue("1") int consumerThreads,
        Map<String, City> cities) {

    public ReportingSettings {
        zones = zones == null ? Map.of() : Map.copyOf(zones);
        cities = cities == null ? Map.of() : Map.copyOf(cities); // unordered: CityReports lists them by id
        Map<String, String> cityOfDistrict = new HashMap<>();
        cities.forEach((cityId, city) -> {
            if (!cityId.matches(ApiFormats.DISTRICT)) {
                throw new IllegalArgumentException("practice.reporting.cities: '" + cityId + "' is not an id");
            }
            for (CityDistrict district : city.districts()) {
                String other = cityOfDistrict.put(district.id(), cityId);
                if (other != null) {
                    throw new IllegalArgumentException("practice.reporting.cities: district '" + district.id()
                            + "' is in both " + other + " and " + cityId);
                }
            }
        });
    }

    /**
     * A city (or province) grouping districts.
     *
     * @param name      its name (重庆市)
     * @param districts its districts, in the order the city's reports list them
     */
    public record City(String name, List<CityDistrict> districts) {

        public City {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("practice.reporting.cities: a city needs a name");
            }
            districts = districts == null ? List.of() : List.copyOf(districts);
        }
    }

    /** A district of a city: its id (the tenant id) and the name the city's reports show (九龙坡区). */
    public record CityDistrict(String id, String name) {

        public CityDistrict {
            if (id == null || !id.matches(ApiFormats.DISTRICT)) {
                throw new IllegalArgumentException("practice.reporting.cities: district id '" + id + "' is not an id");
            }
            name = name == null || name.isBlank() ? id : name;
        }
    }

    /** The city that groups the district, if any. */
    public Optional<String> cityOf(String districtId) {
        return cities.entrySet().stream()
                .filter(city -> city.getValue().districts().stream().anyMatch(d -> d.id().equals(districtId)))
                .map(Map.Entry::getKey).findFirst();
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
                Duration.ofHours(72)), 1, Map.of());
    }
}
