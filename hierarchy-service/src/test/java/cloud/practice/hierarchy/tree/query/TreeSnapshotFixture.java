package cloud.practice.hierarchy.tree.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds read-model documents the way the projection does, to test the snapshot without a database. */
public class TreeSnapshotFixture {

    private final Map<String, OrgUnitDocument> units = new LinkedHashMap<>();

    public TreeSnapshotFixture unit(String id, OrgTier tier, String parent, String on, String... communities) {
        OrgUnitDocument unit = new OrgUnitDocument();
        unit.unitId = id;
        unit.districtId = "d";
        unit.code = id.toUpperCase();
        unit.name = id;
        unit.tier = tier;
        unit.parentId = parent;
        unit.communities = new ArrayList<>(List.of(communities));
        unit.establishedOn = on;
        unit.recordVersion(on);
        units.put(id, unit);
        return this;
    }

    public TreeSnapshotFixture moved(String id, String parent, String on) {
        OrgUnitDocument unit = units.get(id);
        unit.parentId = parent;
        unit.recordVersion(on);
        return this;
    }

    public TreeSnapshotFixture merged(String id, String survivor, String on, String... children) {
        OrgUnitDocument unit = units.get(id);
        unit.status = OrgUnitStatus.CLOSED;
        unit.recordVersion(on);
        for (String child : children) {
            moved(child, survivor, on);
        }
        return this;
    }

    public TreeSnapshotFixture located(String id, GeoPoint location) {
        units.get(id).location = location;
        return this;
    }

    public TreeSnapshotFixture declared(String id, String... communities) {
        OrgUnitDocument unit = units.get(id);
        unit.communities = new ArrayList<>(List.of(communities));
        unit.versions.set(unit.versions.size() - 1, new UnitVersion(unit.versions.get(unit.versions.size() - 1).from(),
                null, unit.name, unit.parentId, unit.status, List.copyOf(unit.communities)));
        return this;
    }

    public TreeSnapshot asOf(String date) {
        return new TreeSnapshot(date, List.copyOf(units.values()));
    }

    /** The tree of {@code date} with the grid register in force on it (community → grids). */
    public TreeSnapshot asOf(String date, java.util.Map<String, List<String>> grids) {
        return new TreeSnapshot(date, List.copyOf(units.values()), grids, true);
    }
}
