package cloud.practice.hierarchy.tree.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read model of one unit: its current details plus its effective-dated {@link UnitVersion}s, from which the
 * tree of any date is rebuilt. {@code appliedSequence} is the last tree event applied (replays are skipped);
 * {@code version} counts the events that touched the unit, as the aggregate does (the unit's ETag).
 */
@Document("org_units")
class OrgUnitDocument {

    @Id
    public String id;
    public String districtId;
    public String unitId;
    public String code;
    public OrgTier tier;
    public String name;
    public String parentId;
    public OrgUnitStatus status = OrgUnitStatus.ACTIVE;
    public String divisionCode;
    public String address;
    public GeoPoint location;
    public String contact;
    public String maskedContact;
    public String openingHours;
    public Set<ServicePlatform> platforms = new LinkedHashSet<>();
    public List<String> communities = new ArrayList<>();
    public Map<String, String> managers = new LinkedHashMap<>();
    public String establishedOn;
    public String closedOn;
    public String mergedInto;
    public long version;
    public long appliedSequence = -1;
    public List<UnitVersion> versions = new ArrayList<>();

    static String key(String districtId, String unitId) {
        return districtId + "|" + unitId;
    }

    /** Opens a version from {@code date} with the unit's current placement (same-day changes fold into one). */
    void recordVersion(String date) {
        UnitVersion last = versions.isEmpty() ? null : versions.get(versions.size() - 1);
        UnitVersion next = new UnitVersion(date, null, name, parentId, status, List.copyOf(communities));
        if (last != null && last.from().equals(date)) {
            versions.set(versions.size() - 1, next);
        } else {
            if (last != null) {
                versions.set(versions.size() - 1, last.closedAt(date));
            }
            versions.add(next);
        }
    }

    UnitVersion versionAt(String date) {
        for (UnitVersion version : versions) {
            if (version.coversDate(date)) {
                return version;
            }
        }
        return null;
    }
}
