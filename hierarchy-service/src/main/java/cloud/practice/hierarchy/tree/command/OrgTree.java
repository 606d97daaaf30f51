package cloud.practice.hierarchy.tree.command;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.CommunityGridsDefined;
import cloud.practice.events.hierarchy.ManagerAssigned;
import cloud.practice.events.hierarchy.ManagerRevoked;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitDetailsChanged;
import cloud.practice.events.hierarchy.OrgUnitEstablished;
import cloud.practice.events.hierarchy.OrgUnitMerged;
import cloud.practice.events.hierarchy.OrgUnitMoved;
import cloud.practice.events.hierarchy.OrgUnitRelocated;
import cloud.practice.events.hierarchy.OrgUnitRenamed;
import cloud.practice.events.hierarchy.OrgUnitSplit;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.OrgUnitStatusChanged;
import cloud.practice.hierarchy.tree.api.ImportResult;
import cloud.practice.hierarchy.tree.api.ManagerRole;
import cloud.practice.hierarchy.tree.api.OrgUnitContactRecorded;
import cloud.practice.hierarchy.tree.api.TreeCommands.AssignManagerCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.ChangeOrgUnitDetailsCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.ChangeOrgUnitStatusCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.DefineGridsCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.EstablishOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.ImportDistrictTreeCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.MergeOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.MoveOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RelocateOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RenameOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RevokeManagerCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.SplitOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.support.privacy.Masking;
import cloud.practice.support.web.ApiException;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.http.HttpStatus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The organisation tree of one district. One aggregate per district keeps every structural rule checkable against
 * the whole tree and every change of the tree in one ordered stream (ADR 0006). Unit versions count the events
 * that touched a unit; they are the units' ETags.
 */
@Aggregate(cache = "orgTreeCache")
public class OrgTree {

    @AggregateIdentifier
    private String districtId;
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, String> unitIdByCode = new HashMap<>();
    private String centerId;
    /** The district's grid register: community → its grids, and the date the current list took effect. */
    private final Map<String, List<String>> gridsByCommunity = new HashMap<>();
    private final Map<String, LocalDate> gridsDefinedFrom = new HashMap<>();

    protected OrgTree() {
    }

    // -------------------------------------------------------------------------------------------- commands

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(EstablishOrgUnitCommand command) {
        adopt(command.districtId());
        UnitSpec spec = command.unit();
        if (units.containsKey(spec.unitId())) {
            throw ApiException.conflict("unit-exists", "Unit '" + spec.unitId() + "' already exists");
        }
        validateNew(spec, Map.of(), command.effectiveDate());
        establish(spec, command.effectiveDate());
        return units.get(spec.unitId()).version;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ImportResult handle(ImportDistrictTreeCommand command) {
        adopt(command.districtId());
        List<ImportResult.RowError> errors = new ArrayList<>();
        Map<String, UnitSpec> batch = new LinkedHashMap<>();
        Map<String, String> codesInBatch = new HashMap<>();
        List<UnitSpec> toEstablish = new ArrayList<>();
        int unchanged = 0;
        for (int row = 0; row < command.units().size(); row++) {
            UnitSpec spec = command.units().get(row);
            Unit existing = units.get(spec.unitId());
            if (existing != null) {
                if (existing.sameAs(spec)) {
                    unchanged++;
                } else {
                    errors.add(new ImportResult.RowError(row + 1, spec.unitId(), "unit-exists",
                            "Unit '" + spec.unitId() + "' exists with other data; change it through its own API"));
                }
                continue;
            }
            if (batch.containsKey(spec.unitId())) {
                errors.add(new ImportResult.RowError(row + 1, spec.unitId(), "duplicate-row",
                        "Unit '" + spec.unitId() + "' appears twice in the import"));
                continue;
            }
            String codeOwner = codesInBatch.putIfAbsent(spec.code(), spec.unitId());
            if (codeOwner != null) {
                errors.add(new ImportResult.RowError(row + 1, spec.unitId(), "duplicate-code",
                        "Code '" + spec.code() + "' is also used by '" + codeOwner + "' in this import"));
                continue;
            }
            batch.put(spec.unitId(), spec);
            toEstablish.add(spec);
        }
        Map<String, String> communitiesInBatch = new HashMap<>();
        for (int row = 0; row < command.units().size(); row++) {
            UnitSpec spec = command.units().get(row);
            if (!toEstablish.contains(spec)) {
                continue;
            }
            try {
                validateNew(spec, batch, command.effectiveDate());
                if (spec.tier() == OrgTier.STATION && spec.communities() != null) {
                    for (String community : spec.communities()) {
                        String other = communitiesInBatch.putIfAbsent(community, spec.unitId());
                        if (other != null) {
                            throw ApiException.conflict("community-covered", "Community '" + community
                                    + "' is also covered by '" + other + "' in this import");
                        }
                    }
                }
            } catch (ApiException e) {
                errors.add(new ImportResult.RowError(row + 1, spec.unitId(), e.type(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "import-invalid",
                    errors.size() + " row(s) of the import are invalid; nothing was imported",
                    Map.of("errors", errors));
        }
        // Parents before children, whatever the order of the rows.
        for (UnitSpec spec : topologicalOrder(toEstablish)) {
            establish(spec, command.effectiveDate());
        }
        return new ImportResult(toEstablish.size(), unchanged);
    }

    @CommandHandler
    public long handle(RenameOrgUnitCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        if (!unit.name.equals(command.name())) {
            apply(new OrgUnitRenamed(unit.id, districtId, command.name(), command.effectiveDate()));
        }
        return unit.version;
    }

    @CommandHandler
    public long handle(RelocateOrgUnitCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        apply(new OrgUnitRelocated(unit.id, districtId, command.address(), command.location(), command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public long handle(ChangeOrgUnitDetailsCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        List<String> communities = command.communities() == null ? unit.communities : command.communities();
        requireCommunitiesFree(unit.id, unit.tier, communities);
        if (command.contact() != null) {
            apply(new OrgUnitContactRecorded(districtId, unit.id, command.contact()));
        }
        apply(new OrgUnitDetailsChanged(unit.id, districtId, command.divisionCode(), Masking.phone(command.contact()),
                command.openingHours(), command.platforms() == null ? unit.platforms : command.platforms(),
                communities, command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public long handle(MoveOrgUnitCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        Unit parent = existing(command.newParentId(), "newParentId");
        if (unit.tier == OrgTier.CENTER) {
            throw ApiException.rule("center-cannot-move", "The center is the root of the district; it cannot move");
        }
        if (Objects.equals(unit.parentId, parent.id)) {
            throw ApiException.rule("already-there", "'" + unit.id + "' is already under '" + parent.id + "'");
        }
        if (parent.id.equals(unit.id) || isInSubtree(parent.id, unit.id)) {
            throw ApiException.rule("cycle", "Moving '" + unit.id + "' under '" + parent.id
                    + "' would put it inside its own subtree");
        }
        requirePlacement(unit.tier, parent);
        apply(new OrgUnitMoved(unit.id, districtId, unit.parentId, parent.id, command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public long handle(ChangeOrgUnitStatusCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        OrgUnitStatus target = switch (command.change()) {
            case SUSPEND -> {
                requireStatus(unit, OrgUnitStatus.ACTIVE, "suspend");
                yield OrgUnitStatus.SUSPENDED;
            }
            case REACTIVATE -> {
                requireStatus(unit, OrgUnitStatus.SUSPENDED, "reactivate");
                yield OrgUnitStatus.ACTIVE;
            }
            case CLOSE -> {
                List<String> open = children(unit.id).stream().filter(child -> child.status != OrgUnitStatus.CLOSED)
                        .map(child -> child.id).toList();
                if (!open.isEmpty()) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "has-open-children",
                            "'" + unit.id + "' still has " + open.size() + " unit(s) that are not closed; move, "
                                    + "merge or close them first", Map.of("children", open));
                }
                yield OrgUnitStatus.CLOSED;
            }
        };
        apply(new OrgUnitStatusChanged(unit.id, districtId, target, command.reason(), command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public long handle(MergeOrgUnitCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        Unit survivor = existing(command.survivorId(), "survivorId");
        if (survivor.id.equals(unit.id)) {
            throw ApiException.rule("merge-into-itself", "A unit cannot be merged into itself");
        }
        if (survivor.tier != unit.tier) {
            throw ApiException.rule("tier-mismatch", "Only units of one tier merge: '" + unit.id + "' is "
                    + unit.tier + ", '" + survivor.id + "' is " + survivor.tier);
        }
        if (survivor.status == OrgUnitStatus.CLOSED) {
            throw ApiException.rule("survivor-closed", "'" + survivor.id + "' is closed");
        }
        if (isInSubtree(survivor.id, unit.id)) {
            throw ApiException.rule("cycle", "'" + survivor.id + "' lies inside '" + unit.id + "'");
        }
        List<String> movedChildren = children(unit.id).stream().filter(child -> child.status != OrgUnitStatus.CLOSED)
                .map(child -> child.id).toList();
        apply(new OrgUnitMerged(unit.id, districtId, survivor.id, movedChildren, List.copyOf(unit.communities),
                command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public String handle(SplitOrgUnitCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        if (units.containsKey(command.newUnitId())) {
            throw ApiException.conflict("unit-exists", "Unit '" + command.newUnitId() + "' already exists");
        }
        if (command.communities().isEmpty() || !unit.communities.containsAll(command.communities())) {
            throw ApiException.rule("not-covered", "The communities to split off must be covered by '" + unit.id
                    + "' now: " + unit.communities);
        }
        if (unit.communities.size() == command.communities().size()) {
            throw ApiException.rule("split-everything", "A split must leave '" + unit.id
                    + "' some coverage; to hand over everything, merge instead");
        }
        UnitSpec spec = new UnitSpec(command.newUnitId(), command.newCode(), command.newName(), unit.tier,
                unit.parentId, null, null, null, null, null, unit.platforms, List.of());
        validateNew(spec, Map.of(), command.effectiveDate());
        establish(spec, command.effectiveDate());
        apply(new OrgUnitSplit(unit.id, districtId, command.newUnitId(), command.communities(), command.effectiveDate()));
        return command.newUnitId();
    }

    /**
     * Registers the grids of a community the unit declares (an institute for its town's communities, a station for
     * the ones it covers). Repeating the current list changes nothing.
     */
    @CommandHandler
    public List<String> handle(DefineGridsCommand command) {
        Unit unit = changeable(command.unitId(), null, command.effectiveDate());
        String community = command.community();
        if (!unit.communities.contains(community)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "community-not-declared", "'" + unit.id
                    + "' does not declare community '" + community + "'; its communities: " + unit.communities,
                    Map.of("field", "community"));
        }
        LocalDate since = gridsDefinedFrom.get(community);
        if (since != null && command.effectiveDate().isBefore(since)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "effective-date-before-last-change",
                    "The grids of '" + community + "' last changed with effect from " + since
                            + "; a change cannot take effect before that", Map.of("field", "effectiveDate"));
        }
        List<String> grids = List.copyOf(command.grids());
        if (!grids.equals(gridsByCommunity.getOrDefault(community, List.of()))) {
            apply(new CommunityGridsDefined(unit.id, districtId, community, grids, command.effectiveDate()));
        }
        return grids;
    }

    /**
     * Makes a person a manager of the unit: the issuer then grants them the unit's admin role. One role fits each
     * tier (omitted: that one); a person is a manager of a unit once, whatever the role.
     */
    @CommandHandler
    public long handle(AssignManagerCommand command) {
        Unit unit = changeable(command.unitId(), null, command.effectiveDate());
        ManagerRole fitting = ManagerRole.of(unit.tier);
        ManagerRole role = command.role() == null ? fitting : command.role();
        if (role != fitting) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "role-does-not-fit", role + " cannot manage a "
                    + unit.tier + "; the managers of '" + unit.id + "' are " + fitting + " (or leave role out)",
                    Map.of("field", "role", "fits", fitting.name()));
        }
        String current = unit.managers.get(command.userId());
        if (current != null) {
            throw new ApiException(HttpStatus.CONFLICT, "already-manager", "'" + command.userId()
                    + "' already manages '" + unit.id + "' as " + current, Map.of("field", "userId"));
        }
        apply(new ManagerAssigned(unit.id, districtId, command.userId(), role.name(), command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public long handle(RevokeManagerCommand command) {
        Unit unit = changeable(command.unitId(), null, command.effectiveDate());
        if (!unit.managers.containsKey(command.userId())) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "'" + command.userId()
                    + "' is not a manager of '" + unit.id + "'", Map.of("field", "userId", "resource", "manager",
                    "id", command.userId()));
        }
        apply(new ManagerRevoked(unit.id, districtId, command.userId(), command.effectiveDate()));
        return unit.version;
    }

    // ------------------------------------------------------------------------------------------------ rules

    private void adopt(String district) {
        if (this.districtId == null) {
            this.districtId = district; // a new tree: its identifier is the district
        }
    }

    private void validateNew(UnitSpec spec, Map<String, UnitSpec> batch, LocalDate effectiveDate) {
        String owner = unitIdByCode.get(spec.code());
        if (owner != null) {
            throw ApiException.conflict("duplicate-code", "Code '" + spec.code() + "' is used by '" + owner
                    + "' in this district");
        }
        if (spec.tier() == OrgTier.CENTER) {
            if (centerId != null || batch.values().stream()
                    .anyMatch(other -> other.tier() == OrgTier.CENTER && !other.unitId().equals(spec.unitId()))) {
                throw ApiException.conflict("center-exists", "A district has exactly one center"
                        + (centerId == null ? "" : ": '" + centerId + "'"));
            }
            if (spec.parentId() != null) {
                throw ApiException.rule("center-has-no-parent", "The center is the root; it has no parent");
            }
            return;
        }
        if (spec.parentId() == null) {
            throw ApiException.rule("parent-required", "A " + spec.tier() + " needs a parent of tier "
                    + TreeRules.allowedParents(spec.tier()));
        }
        Unit parent = units.get(spec.parentId());
        OrgTier parentTier;
        if (parent != null) {
            if (parent.status == OrgUnitStatus.CLOSED) {
                throw ApiException.rule("parent-closed", "Parent '" + parent.id + "' is closed");
            }
            parentTier = parent.tier;
        } else if (batch.containsKey(spec.parentId())) {
            parentTier = batch.get(spec.parentId()).tier();
        } else {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-parent",
                    "Parent '" + spec.parentId() + "' does not exist in this district", Map.of("field", "parentId"));
        }
        if (!TreeRules.mayHangUnder(spec.tier(), parentTier)) {
            throw ApiException.rule("tier-placement", "A " + spec.tier() + " cannot hang under a " + parentTier
                    + "; allowed parents: " + TreeRules.allowedParents(spec.tier()));
        }
        requireCommunitiesFree(spec.unitId(), spec.tier(), spec.communities() == null ? List.of() : spec.communities());
        requireNotBefore(units.get(spec.parentId()), effectiveDate);
    }

    private void requirePlacement(OrgTier tier, Unit parent) {
        if (parent.status == OrgUnitStatus.CLOSED) {
            throw ApiException.rule("parent-closed", "Parent '" + parent.id + "' is closed");
        }
        if (!TreeRules.mayHangUnder(tier, parent.tier)) {
            throw ApiException.rule("tier-placement", "A " + tier + " cannot hang under a " + parent.tier
                    + "; allowed parents: " + TreeRules.allowedParents(tier));
        }
    }

    /** A community is covered by one open station at a time. */
    private void requireCommunitiesFree(String unitId, OrgTier tier, List<String> communities) {
        if (tier != OrgTier.STATION) {
            return;
        }
        for (Unit other : units.values()) {
            if (other.id.equals(unitId) || other.status == OrgUnitStatus.CLOSED || other.tier != OrgTier.STATION) {
                continue;
            }
            for (String community : communities) {
                if (other.communities.contains(community)) {
                    throw ApiException.conflict("community-covered", "Community '" + community
                            + "' is already covered by '" + other.id + "'");
                }
            }
        }
    }

    private Unit changeable(String unitId, Long expectedVersion, LocalDate effectiveDate) {
        Unit unit = existing(unitId, "unitId");
        if (expectedVersion != null && expectedVersion != unit.version) {
            throw new ApiException(HttpStatus.PRECONDITION_FAILED, "stale-version", "'" + unitId
                    + "' changed since you read it (you have version " + expectedVersion + ", it is at "
                    + unit.version + "); read it again and retry", Map.of("currentVersion", unit.version));
        }
        if (unit.status == OrgUnitStatus.CLOSED) {
            throw ApiException.rule("unit-closed", "'" + unitId + "' is closed; its history is kept as it was");
        }
        requireNotBefore(unit, effectiveDate);
        return unit;
    }

    /** History is never rewritten: a change takes effect on or after the unit's last change. */
    private static void requireNotBefore(Unit unit, LocalDate effectiveDate) {
        if (unit != null && effectiveDate.isBefore(unit.lastEffectiveDate)) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "effective-date-before-last-change",
                    "'" + unit.id + "' last changed with effect from " + unit.lastEffectiveDate
                            + "; a change cannot take effect before that", Map.of("field", "effectiveDate"));
        }
    }

    private Unit existing(String unitId, String field) {
        Unit unit = units.get(unitId);
        if (unit == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not-found", "Unit '" + unitId
                    + "' does not exist in district '" + districtId + "'", Map.of("field", field, "id", unitId));
        }
        return unit;
    }

    private static void requireStatus(Unit unit, OrgUnitStatus required, String action) {
        if (unit.status != required) {
            throw ApiException.conflict("illegal-transition", "Cannot " + action + " '" + unit.id + "': it is "
                    + unit.status);
        }
    }

    private boolean isInSubtree(String candidateId, String rootId) {
        String current = candidateId;
        Set<String> seen = new HashSet<>();
        while (current != null && seen.add(current)) {
            if (current.equals(rootId)) {
                return true;
            }
            Unit unit = units.get(current);
            current = unit == null ? null : unit.parentId;
        }
        return false;
    }

    private List<Unit> children(String unitId) {
        return units.values().stream().filter(unit -> unitId.equals(unit.parentId)).toList();
    }

    private void establish(UnitSpec spec, LocalDate effectiveDate) {
        apply(new OrgUnitEstablished(spec.unitId(), districtId, spec.code(), spec.name(), spec.tier(),
                spec.parentId(), spec.divisionCode(), spec.address(), spec.location(),
                spec.platforms() == null ? Set.of() : new LinkedHashSet<>(spec.platforms()),
                spec.communities() == null ? List.of() : List.copyOf(spec.communities()), effectiveDate));
        if (spec.contact() != null || spec.openingHours() != null) {
            if (spec.contact() != null) {
                apply(new OrgUnitContactRecorded(districtId, spec.unitId(), spec.contact()));
            }
            apply(new OrgUnitDetailsChanged(spec.unitId(), districtId, spec.divisionCode(),
                    Masking.phone(spec.contact()), spec.openingHours(),
                    spec.platforms() == null ? Set.of() : new LinkedHashSet<>(spec.platforms()),
                    spec.communities() == null ? List.of() : List.copyOf(spec.communities()), effectiveDate));
        }
    }

    private static List<UnitSpec> topologicalOrder(List<UnitSpec> specs) {
        Map<String, UnitSpec> pending = new LinkedHashMap<>();
        specs.forEach(spec -> pending.put(spec.unitId(), spec));
        List<UnitSpec> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            List<UnitSpec> ready = pending.values().stream()
                    .filter(spec -> spec.parentId() == null || !pending.containsKey(spec.parentId())).toList();
            if (ready.isEmpty()) {
                throw ApiException.rule("cycle", "The import's parent links form a cycle: " + pending.keySet());
            }
            ready.forEach(spec -> {
                ordered.add(spec);
                pending.remove(spec.unitId());
            });
        }
        return ordered;
    }

    // ------------------------------------------------------------------------------------------ event sourcing

    @EventSourcingHandler
    void on(OrgUnitEstablished event) {
        districtId = event.districtId();
        Unit unit = new Unit(event.unitId(), event.code(), event.name(), event.tier(), event.parentId());
        unit.platforms = new LinkedHashSet<>(event.platforms());
        unit.communities = new ArrayList<>(event.communities());
        unit.divisionCode = event.divisionCode();
        unit.address = event.address();
        unit.location = event.location();
        unit.lastEffectiveDate = event.effectiveDate();
        unit.version = 1;
        units.put(unit.id, unit);
        unitIdByCode.put(unit.code, unit.id);
        if (event.tier() == OrgTier.CENTER) {
            centerId = event.unitId();
        }
    }

    @EventSourcingHandler
    void on(OrgUnitRenamed event) {
        touch(event.unitId(), event.effectiveDate()).name = event.name();
    }

    @EventSourcingHandler
    void on(OrgUnitRelocated event) {
        Unit unit = touch(event.unitId(), event.effectiveDate());
        unit.address = event.address();
        unit.location = event.location();
    }

    @EventSourcingHandler
    void on(OrgUnitDetailsChanged event) {
        Unit unit = touch(event.unitId(), event.effectiveDate());
        unit.platforms = new LinkedHashSet<>(event.platforms());
        unit.communities = new ArrayList<>(event.communities());
        unit.divisionCode = event.divisionCode();
    }

    @EventSourcingHandler
    void on(OrgUnitContactRecorded event) {
        units.get(event.unitId()).version++;
    }

    @EventSourcingHandler
    void on(OrgUnitMoved event) {
        touch(event.unitId(), event.effectiveDate()).parentId = event.toParentId();
    }

    @EventSourcingHandler
    void on(OrgUnitStatusChanged event) {
        touch(event.unitId(), event.effectiveDate()).status = event.status();
    }

    @EventSourcingHandler
    void on(OrgUnitMerged event) {
        Unit unit = touch(event.unitId(), event.effectiveDate());
        Unit survivor = touch(event.survivorId(), event.effectiveDate());
        for (String childId : event.movedChildIds()) {
            touch(childId, event.effectiveDate()).parentId = survivor.id;
        }
        event.movedCommunities().stream().filter(c -> !survivor.communities.contains(c))
                .forEach(survivor.communities::add);
        unit.communities = new ArrayList<>();
        unit.status = OrgUnitStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(OrgUnitSplit event) {
        Unit unit = touch(event.unitId(), event.effectiveDate());
        Unit created = touch(event.newUnitId(), event.effectiveDate());
        unit.communities.removeAll(event.movedCommunities());
        created.communities.addAll(event.movedCommunities());
    }

    @EventSourcingHandler
    void on(CommunityGridsDefined event) {
        gridsByCommunity.put(event.community(), List.copyOf(event.grids()));
        gridsDefinedFrom.put(event.community(), event.effectiveDate());
    }

    @EventSourcingHandler
    void on(ManagerAssigned event) {
        touch(event.unitId(), event.effectiveDate()).managers.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(ManagerRevoked event) {
        touch(event.unitId(), event.effectiveDate()).managers.remove(event.userId());
    }

    private Unit touch(String unitId, LocalDate effectiveDate) {
        Unit unit = units.get(unitId);
        unit.version++;
        if (effectiveDate.isAfter(unit.lastEffectiveDate)) {
            unit.lastEffectiveDate = effectiveDate;
        }
        return unit;
    }

    /** What the aggregate needs to know of a unit to enforce the rules. */
    static final class Unit {
        final String id;
        final String code;
        String name;
        final OrgTier tier;
        String parentId;
        OrgUnitStatus status = OrgUnitStatus.ACTIVE;
        Set<ServicePlatform> platforms = new LinkedHashSet<>();
        List<String> communities = new ArrayList<>();
        String divisionCode;
        String address;
        GeoPoint location;
        final Map<String, String> managers = new HashMap<>();
        LocalDate lastEffectiveDate;
        long version;

        Unit(String id, String code, String name, OrgTier tier, String parentId) {
            this.id = id;
            this.code = code;
            this.name = name;
            this.tier = tier;
            this.parentId = parentId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Unit unit && id.equals(unit.id) && code.equals(unit.code)
                    && name.equals(unit.name) && tier == unit.tier && Objects.equals(parentId, unit.parentId)
                    && status == unit.status && platforms.equals(unit.platforms)
                    && communities.equals(unit.communities) && Objects.equals(divisionCode, unit.divisionCode)
                    && Objects.equals(address, unit.address) && Objects.equals(location, unit.location)
                    && managers.equals(unit.managers) && lastEffectiveDate.equals(unit.lastEffectiveDate)
                    && version == unit.version;
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        boolean sameAs(UnitSpec spec) {
            return code.equals(spec.code()) && name.equals(spec.name()) && tier == spec.tier()
                    && Objects.equals(parentId, spec.parentId());
        }
    }
}
