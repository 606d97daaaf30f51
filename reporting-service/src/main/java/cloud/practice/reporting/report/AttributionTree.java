package cloud.practice.reporting.report;

import cloud.practice.reporting.report.DistrictFacts.UnitFact;
import cloud.practice.reporting.report.DistrictFacts.Version;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The district's tree from the unit facts, answering "under which units does a figure dated D count" for either
 * {@link TreeView}. THEN: the unit's parents as they were on D (a unit that moved counts under its old parent before
 * the move; a merged unit under itself and its old parent before the merge). NOW: a merged unit's figures go to its
 * survivor, and everything climbs the tree as it is today.
 */
public final class AttributionTree {

    private static final int MAX_DEPTH = 16;

    private final Map<String, UnitFact> units = new HashMap<>();
    private final TreeView view;
    private final Map<String, List<String>> chains = new HashMap<>();

    public AttributionTree(List<UnitFact> units, TreeView view) {
        units.forEach(unit -> this.units.put(unit.unitId(), unit));
        this.view = view;
    }

    public TreeView view() {
        return view;
    }

    public Optional<UnitFact> unit(String unitId) {
        return Optional.ofNullable(units.get(unitId));
    }

    public List<UnitFact> units() {
        return List.copyOf(units.values());
    }

    /** The center (root) of the district as the view sees it on {@code date}. */
    public Optional<String> root(LocalDate date) {
        return units.values().stream().filter(unit -> "CENTER".equals(unit.tier()))
                .filter(unit -> placement(unit, date) != null).map(UnitFact::unitId).sorted().findFirst();
    }

    /** The unit a figure of {@code unitId} dated {@code date} counts under, then its ancestors, bottom up. */
    public List<String> attribution(String unitId, LocalDate date) {
        if (unitId == null) {
            return List.of();
        }
        String key = unitId + "@" + (view == TreeView.NOW ? "" : date);
        return chains.computeIfAbsent(key, ignored -> {
            String start = view == TreeView.NOW ? survivor(unitId) : unitId;
            return climb(start, date);
        });
    }

    /**
     * The unit a volunteer's figure dated {@code date} counts under, then its ancestors: the home unit of that day
     * (THEN) or of today (NOW), placed like any unit's figure; none for a volunteer whose registration has not
     * arrived (yet).
     */
    public List<String> attribution(DistrictFacts.VolunteerFact volunteer, LocalDate date) {
        if (volunteer == null) {
            return List.of();
        }
        return attribution(view == TreeView.NOW ? volunteer.homeUnitId() : volunteer.homeOn(date), date);
    }

    /** A unit and its ancestors as placed on {@code date} (NOW: today), without redirecting merged units. */
    public List<String> placementChain(String unitId, LocalDate date) {
        return climb(unitId, date);
    }

    /** The placement of a unit in the view on {@code date}: null if it did not exist yet (THEN). */
    public Version placement(UnitFact unit, LocalDate date) {
        return view == TreeView.NOW ? unit.current() : unit.at(date);
    }

    /** Units existing on {@code date} (THEN) or today (NOW) whose placement chain passes through {@code scope}. */
    public List<UnitFact> subtree(String scope, LocalDate date) {
        List<UnitFact> result = new ArrayList<>();
        for (UnitFact unit : units.values()) {
            if (placement(unit, date) != null && climb(unit.unitId(), date).contains(scope)) {
                result.add(unit);
            }
        }
        result.sort(java.util.Comparator.comparing(UnitFact::unitId));
        return result;
    }

    private String survivor(String unitId) {
        String current = unitId;
        Set<String> seen = new LinkedHashSet<>();
        while (seen.add(current)) {
            UnitFact unit = units.get(current);
            if (unit == null || unit.mergedInto() == null) {
                return current;
            }
            current = unit.mergedInto();
        }
        return current;
    }

    private List<String> climb(String unitId, LocalDate date) {
        List<String> chain = new ArrayList<>();
        String current = unitId;
        while (current != null && chain.size() < MAX_DEPTH && !chain.contains(current)) {
            chain.add(current);
            UnitFact unit = units.get(current);
            if (unit == null) {
                break;
            }
            Version version = view == TreeView.NOW ? unit.current() : unit.at(date);
            if (version == null) {
                // The figure predates the unit's establishment: place it where the unit first stood.
                version = unit.versions().get(0);
            }
            current = version.parentId();
        }
        return List.copyOf(chain);
    }
}
