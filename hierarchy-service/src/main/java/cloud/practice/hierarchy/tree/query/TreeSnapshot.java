package cloud.practice.hierarchy.tree.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.support.geo.Geo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tree of one district as it was on one date: every query on the tree runs on one of these. */
public final class TreeSnapshot {

    private final String asOf;
    private final Map<String, OrgUnitView> units = new LinkedHashMap<>();
    private final Map<String, List<OrgUnitView>> children = new HashMap<>();
    /** Community → its grids in force on {@code asOf} (communities without registered grids are absent). */
    private final Map<String, List<String>> grids;

    TreeSnapshot(String asOf, List<OrgUnitDocument> documents) {
        this(asOf, documents, Map.of(), true);
    }

    TreeSnapshot(String asOf, List<OrgUnitDocument> documents, Map<String, List<String>> grids,
                 boolean withManagers) {
        this.asOf = asOf;
        this.grids = Map.copyOf(grids);
        documents.stream().sorted(Comparator.comparing((OrgUnitDocument d) -> d.tier).thenComparing(d -> d.code))
                .forEach(document -> {
                    UnitVersion version = document.versionAt(asOf);
                    if (version != null) {
                        units.put(document.unitId, OrgUnitView.of(document, version, asOf, withManagers));
                    }
                });
        units.values().forEach(unit -> {
            if (unit.parentId() != null) {
                children.computeIfAbsent(unit.parentId(), parent -> new ArrayList<>()).add(unit);
            }
        });
    }

    public String asOf() {
        return asOf;
    }

    public Optional<OrgUnitView> unit(String unitId) {
        return Optional.ofNullable(units.get(unitId));
    }

    public List<OrgUnitView> all() {
        return List.copyOf(units.values());
    }

    public List<OrgUnitView> children(String unitId) {
        return children.getOrDefault(unitId, List.of());
    }

    /** The unit and its descendants down to {@code depth} levels (0 = the unit alone), breadth first. */
    public List<SubtreeEntry> subtree(String unitId, int depth) {
        List<SubtreeEntry> result = new ArrayList<>();
        Deque<SubtreeEntry> queue = new ArrayDeque<>();
        unit(unitId).ifPresent(root -> queue.add(new SubtreeEntry(0, root)));
        while (!queue.isEmpty()) {
            SubtreeEntry entry = queue.poll();
            result.add(entry);
            if (entry.depth() < depth) {
                children(entry.unit().unitId()).forEach(child -> queue.add(new SubtreeEntry(entry.depth() + 1, child)));
            }
        }
        return result;
    }

    /** From the center down to the unit. */
    public List<OrgUnitView> path(String unitId) {
        List<OrgUnitView> path = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        OrgUnitView current = units.get(unitId);
        while (current != null && seen.add(current.unitId())) {
            path.add(0, current);
            current = current.parentId() == null ? null : units.get(current.parentId());
        }
        return path;
    }

    /** Whether {@code unitId} is {@code scopeUnitId} or lies below it: an admin's power covers their subtree. */
    public boolean isWithin(String unitId, String scopeUnitId) {
        return path(unitId).stream().anyMatch(unit -> unit.unitId().equals(scopeUnitId));
    }

    public List<OrgUnitView> search(String name, String code, OrgTier tier, OrgUnitStatus status,
                                    ServicePlatform platform) {
        String needle = name == null ? null : name.toLowerCase(Locale.ROOT);
        return units.values().stream()
                .filter(unit -> needle == null || unit.name().toLowerCase(Locale.ROOT).contains(needle))
                .filter(unit -> code == null || unit.code().equalsIgnoreCase(code))
                .filter(unit -> tier == null || unit.tier() == tier)
                .filter(unit -> status == null || unit.status() == status)
                .filter(unit -> platform == null || unit.platforms().contains(platform))
                .toList();
    }

    /** Open stations with a location, nearest first. */
    public List<NearbyUnit> nearestStations(GeoPoint point, int limit) {
        return units.values().stream()
                .filter(unit -> unit.tier() == OrgTier.STATION && unit.status() != OrgUnitStatus.CLOSED
                        && unit.location() != null)
                .map(unit -> new NearbyUnit(unit, Geo.distanceKm(point, unit.location())))
                .sorted(Comparator.comparingDouble(NearbyUnit::distanceKm).thenComparing(n -> n.unit().code()))
                .limit(limit)
                .toList();
    }

    /**
     * Coverage below {@code unitId}: the communities that institutes declare for their towns, and which of them an
     * open station covers; and the registered grids of those communities, covered with their community.
     */
    public Coverage coverage(String unitId) {
        Map<String, String> coveredBy = new LinkedHashMap<>();
        List<String> declared = new ArrayList<>();
        for (SubtreeEntry entry : subtree(unitId, Integer.MAX_VALUE)) {
            OrgUnitView unit = entry.unit();
            if (unit.status() == OrgUnitStatus.CLOSED) {
                continue;
            }
            if (unit.tier() == OrgTier.INSTITUTE) {
                declared.addAll(unit.communities());
            } else if (unit.tier() == OrgTier.STATION) {
                unit.communities().forEach(community -> coveredBy.putIfAbsent(community, unit.unitId()));
            }
        }
        List<String> uncovered = declared.stream().filter(community -> !coveredBy.containsKey(community)).toList();
        Set<String> known = new LinkedHashSet<>(declared);
        known.addAll(coveredBy.keySet());
        Map<String, List<String>> gridsOfKnown = new LinkedHashMap<>();
        known.stream().filter(grids::containsKey).forEach(community -> gridsOfKnown.put(community, grids.get(community)));
        List<String> uncoveredGrids = new ArrayList<>();
        int gridCount = 0;
        for (Map.Entry<String, List<String>> community : gridsOfKnown.entrySet()) {
            gridCount += community.getValue().size();
            if (!coveredBy.containsKey(community.getKey())) {
                community.getValue().forEach(grid -> uncoveredGrids.add(community.getKey() + " " + grid));
            }
        }
        return new Coverage(unitId, asOf, coveredBy, uncovered, known.isEmpty() ? 0 : (double) coveredBy.size() / known.size(),
                gridsOfKnown, uncoveredGrids, gridCount == 0 ? 0 : (double) (gridCount - uncoveredGrids.size()) / gridCount);
    }

    public record SubtreeEntry(int depth, OrgUnitView unit) {
    }

    public record NearbyUnit(OrgUnitView unit, double distanceKm) {
    }

    /**
     * @param coveredBy  community → the station covering it
     * @param uncovered  declared communities no open station covers
     * @param ratio      covered / all known communities
     * @param grids      community → its registered grids, for the known communities that have any
     * @param uncoveredGrids grids of communities no open station covers, as "community grid"
     * @param gridRatio  covered / all registered grids of the known communities
     */
    public record Coverage(String unitId, String asOf, Map<String, String> coveredBy, List<String> uncovered,
                           double ratio, Map<String, List<String>> grids, List<String> uncoveredGrids,
                           double gridRatio) {
    }
}
