package cloud.practice.hierarchy.tree;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.hierarchy.tree.api.UnitSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test districts shaped like the seed (Jiulongpo 2020): 1 center, 9 sub-centers, 13 institutes, 149 stations,
 * and points. Deterministic: station {@code s-<institute>-<n>} covers community {@code 社区<institute>-<n>}.
 */
public final class DistrictMother {

    public static final String CENTER = "center";
    static final String[] TOWNS = {"杨家坪", "黄桷坪", "九龙", "西彭", "华岩", "谢家湾", "石坪桥", "石桥铺",
            "二郎", "中梁山", "渝州路", "铜罐驿", "陶家"};

    private DistrictMother() {
    }

    public static UnitSpec center() {
        return unit(CENTER, "JLP-C", "九龙坡区新时代文明实践中心", OrgTier.CENTER, null, List.of());
    }

    public static UnitSpec institute(int n) {
        List<String> communities = new ArrayList<>();
        for (int s = 1; s <= stationsOf(n) + 1; s++) {
            communities.add(community(n, s));
        }
        return unit(instituteId(n), "JLP-I" + n, TOWNS[n - 1] + "文明实践所", OrgTier.INSTITUTE, CENTER, communities);
    }

    public static UnitSpec station(int institute, int n) {
        return unit(stationId(institute, n), "JLP-S" + institute + "-" + n, community(institute, n) + "文明实践站",
                OrgTier.STATION, instituteId(institute), List.of(community(institute, n)));
    }

    public static UnitSpec unit(String id, String code, String name, OrgTier tier, String parent,
                                List<String> communities) {
        int hash = Math.abs(id.hashCode());
        GeoPoint location = new GeoPoint(29.40 + (hash % 1000) / 5000.0, 106.35 + (hash / 1000 % 1000) / 4000.0);
        return new UnitSpec(id, code, name, tier, parent, "500107" + String.format("%06d", hash % 1_000_000),
                "重庆市九龙坡区" + name, location, null, null, Set.of(ServicePlatform.CULTURE, ServicePlatform.CARE),
                communities);
    }

    /** 149 stations over 13 institutes: 11 or 12 each. */
    public static int stationsOf(int institute) {
        return institute <= 6 ? 12 : 11;
    }

    public static String instituteId(int n) {
        return "i-" + n;
    }

    public static String stationId(int institute, int n) {
        return "s-" + institute + "-" + n;
    }

    public static String community(int institute, int n) {
        return "社区" + institute + "-" + n;
    }

    /** The whole seed-shaped district, parents listed after their children to prove order does not matter. */
    public static List<UnitSpec> seedDistrict() {
        List<UnitSpec> units = new ArrayList<>();
        for (int i = 1; i <= 13; i++) {
            for (int s = 1; s <= stationsOf(i); s++) {
                units.add(station(i, s));
            }
            units.add(unit("p-" + i, "JLP-P" + i, TOWNS[i - 1] + "文明实践基地", OrgTier.POINT, instituteId(i), List.of()));
        }
        for (int i = 1; i <= 13; i++) {
            units.add(institute(i));
        }
        for (int c = 1; c <= 9; c++) {
            units.add(unit("sc-" + c, "JLP-SC" + c, "文明实践分中心" + c, OrgTier.SUB_CENTER, CENTER, List.of()));
        }
        units.add(center());
        return units;
    }

    /** The body of {@code POST /api/v1/org-units/import} for these units. */
    public static String importBody(com.fasterxml.jackson.databind.ObjectMapper json, List<UnitSpec> specs)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        return json.writeValueAsString(specs.stream().map(spec -> {
            java.util.Map<String, Object> unit = new java.util.LinkedHashMap<>();
            unit.put("unitId", spec.unitId());
            unit.put("code", spec.code());
            unit.put("name", spec.name());
            unit.put("tier", spec.tier());
            unit.put("parentId", spec.parentId());
            unit.put("divisionCode", spec.divisionCode());
            unit.put("address", spec.address());
            unit.put("location", java.util.Map.of("latitude", spec.location().latitude(),
                    "longitude", spec.location().longitude()));
            unit.put("platforms", spec.platforms());
            unit.put("communities", spec.communities());
            return unit;
        }).toList());
    }
}
