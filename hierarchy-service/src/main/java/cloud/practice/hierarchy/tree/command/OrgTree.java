package cloud.practice.hierarchy.tree.command;

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
import cloud.practice.hierarchy.tree.api.TreeInternalEvents.OrgUnitContactRecorded;
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
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.domain.RuleViolation.Kind;
import cloud.practice.support.privacy.Masking;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
 * that touched a unit; they are the units' ETags. The units and the rules that look at the whole tree are in
 * {@link DistrictUnits}, where a tier may hang in {@link TreeRules}; a refused command throws a
 * {@link RuleViolation}.
 */
@Aggregate(cache = "orgTreeCache")
class OrgTree {

    @AggregateIdentifier
    private String districtId;
    private final DistrictUnits units = new DistrictUnits();
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
        if (units.contains(spec.unitId())) {
            throw RuleViolation.conflict("unit-exists", "Unit '" + spec.unitId() + "' already exists");
        }
        units.validateNew(spec, Map.of(), command.effectiveDate());
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
                units.validateNew(spec, batch, command.effectiveDate());
                if (spec.tier() == OrgTier.STATION && spec.communities() != null) {
                    for (String community : spec.communities()) {
                        String other = communitiesInBatch.putIfAbsent(community, spec.unitId());
                        if (other != null) {
                            throw RuleViolation.conflict("community-covered", "Community '" + community
                                    + "' is also covered by '" + other + "' in this import");
                        }
                    }
                }
            } catch (RuleViolation e) {
                errors.add(new ImportResult.RowError(row + 1, spec.unitId(), e.code(), e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new RuleViolation(Kind.REFUSED, "import-invalid", null,
                    errors.size() + " row(s) of the import are invalid; nothing was imported",
                    Map.of("errors", errors));
        }
        for (UnitSpec spec : TreeRules.parentsFirst(toEstablish)) {
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
        units.requireCommunitiesFree(unit.id, unit.tier, communities);
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
        Unit parent = units.existing(districtId, command.newParentId(), "newParentId");
        if (unit.tier == OrgTier.CENTER) {
            throw RuleViolation.refused("center-cannot-move", "The center is the root of the district; it cannot move");
        }
        if (Objects.equals(unit.parentId, parent.id)) {
            throw RuleViolation.refused("already-there", "'" + unit.id + "' is already under '" + parent.id + "'");
        }
        if (parent.id.equals(unit.id) || units.isInSubtree(parent.id, unit.id)) {
            throw RuleViolation.refused("cycle", "Moving '" + unit.id + "' under '" + parent.id
                    + "' would put it inside its own subtree");
        }
        TreeRules.requirePlacement(unit.tier, parent);
        apply(new OrgUnitMoved(unit.id, districtId, unit.parentId, parent.id, command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public long handle(ChangeOrgUnitStatusCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        OrgUnitStatus target = switch (command.change()) {
            case SUSPEND -> {
                unit.requireStatus(OrgUnitStatus.ACTIVE, "suspend");
                yield OrgUnitStatus.SUSPENDED;
            }
            case REACTIVATE -> {
                unit.requireStatus(OrgUnitStatus.SUSPENDED, "reactivate");
                yield OrgUnitStatus.ACTIVE;
            }
            case CLOSE -> {
                List<String> open = units.openChildren(unit.id);
                if (!open.isEmpty()) {
                    throw new RuleViolation(Kind.REFUSED, "has-open-children", null,
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
        Unit survivor = units.existing(districtId, command.survivorId(), "survivorId");
        if (survivor.id.equals(unit.id)) {
            throw RuleViolation.refused("merge-into-itself", "A unit cannot be merged into itself");
        }
        if (survivor.tier != unit.tier) {
            throw RuleViolation.refused("tier-mismatch", "Only units of one tier merge: '" + unit.id + "' is "
                    + unit.tier + ", '" + survivor.id + "' is " + survivor.tier);
        }
        if (survivor.status == OrgUnitStatus.CLOSED) {
            throw RuleViolation.refused("survivor-closed", "'" + survivor.id + "' is closed");
        }
        if (units.isInSubtree(survivor.id, unit.id)) {
            throw RuleViolation.refused("cycle", "'" + survivor.id + "' lies inside '" + unit.id + "'");
        }
        apply(new OrgUnitMerged(unit.id, districtId, survivor.id, units.openChildren(unit.id),
                List.copyOf(unit.communities), command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public String handle(SplitOrgUnitCommand command) {
        Unit unit = changeable(command.unitId(), command.expectedUnitVersion(), command.effectiveDate());
        if (units.contains(command.newUnitId())) {
            throw RuleViolation.conflict("unit-exists", "Unit '" + command.newUnitId() + "' already exists");
        }
        if (command.communities().isEmpty() || !unit.communities.containsAll(command.communities())) {
            throw RuleViolation.refused("not-covered", "The communities to split off must be covered by '" + unit.id
                    + "' now: " + unit.communities);
        }
        if (unit.communities.size() == command.communities().size()) {
            throw RuleViolation.refused("split-everything", "A split must leave '" + unit.id
                    + "' some coverage; to hand over everything, merge instead");
        }
        UnitSpec spec = new UnitSpec(command.newUnitId(), command.newCode(), command.newName(), unit.tier,
                unit.parentId, null, null, null, null, null, unit.platforms, List.of());
        units.validateNew(spec, Map.of(), command.effectiveDate());
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
            throw new RuleViolation(Kind.REFUSED, "community-not-declared", "community", "'" + unit.id
                    + "' does not declare community '" + community + "'; its communities: " + unit.communities,
                    Map.of());
        }
        LocalDate since = gridsDefinedFrom.get(community);
        if (since != null && command.effectiveDate().isBefore(since)) {
            throw new RuleViolation(Kind.REFUSED, "effective-date-before-last-change", "effectiveDate",
                    "The grids of '" + community + "' last changed with effect from " + since
                            + "; a change cannot take effect before that", Map.of());
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
            throw new RuleViolation(Kind.REFUSED, "role-does-not-fit", "role", role + " cannot manage a "
                    + unit.tier + "; the managers of '" + unit.id + "' are " + fitting + " (or leave role out)",
                    Map.of("fits", fitting.name()));
        }
        String current = unit.managers.get(command.userId());
        if (current != null) {
            throw new RuleViolation(Kind.CONFLICT, "already-manager", "userId", "'" + command.userId()
                    + "' already manages '" + unit.id + "' as " + current, Map.of());
        }
        apply(new ManagerAssigned(unit.id, districtId, command.userId(), role.name(), command.effectiveDate()));
        return unit.version;
    }

    @CommandHandler
    public long handle(RevokeManagerCommand command) {
        Unit unit = changeable(command.unitId(), null, command.effectiveDate());
        if (!unit.managers.containsKey(command.userId())) {
            throw new RuleViolation(Kind.NOT_FOUND, "not-found", "userId", "'" + command.userId()
                    + "' is not a manager of '" + unit.id + "'", Map.of("resource", "manager",
                    "id", command.userId()));
        }
        apply(new ManagerRevoked(unit.id, districtId, command.userId(), command.effectiveDate()));
        return unit.version;
    }

    private void adopt(String district) {
        if (this.districtId == null) {
            this.districtId = district; // a new tree: its identifier is the district
        }
    }

    private Unit changeable(String unitId, Long expectedVersion, LocalDate effectiveDate) {
        return units.changeable(districtId, unitId, expectedVersion, effectiveDate);
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
        units.add(unit);
    }

    @EventSourcingHandler
    void on(OrgUnitRenamed event) {
        units.touch(event.unitId(), event.effectiveDate()).name = event.name();
    }

    @EventSourcingHandler
    void on(OrgUnitRelocated event) {
        Unit unit = units.touch(event.unitId(), event.effectiveDate());
        unit.address = event.address();
        unit.location = event.location();
    }

    @EventSourcingHandler
    void on(OrgUnitDetailsChanged event) {
        Unit unit = units.touch(event.unitId(), event.effectiveDate());
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
        units.touch(event.unitId(), event.effectiveDate()).parentId = event.toParentId();
    }

    @EventSourcingHandler
    void on(OrgUnitStatusChanged event) {
        units.touch(event.unitId(), event.effectiveDate()).status = event.status();
    }

    @EventSourcingHandler
    void on(OrgUnitMerged event) {
        Unit unit = units.touch(event.unitId(), event.effectiveDate());
        Unit survivor = units.touch(event.survivorId(), event.effectiveDate());
        for (String childId : event.movedChildIds()) {
            units.touch(childId, event.effectiveDate()).parentId = survivor.id;
        }
        event.movedCommunities().stream().filter(c -> !survivor.communities.contains(c))
                .forEach(survivor.communities::add);
        unit.communities = new ArrayList<>();
        unit.status = OrgUnitStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(OrgUnitSplit event) {
        Unit unit = units.touch(event.unitId(), event.effectiveDate());
        Unit created = units.touch(event.newUnitId(), event.effectiveDate());
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
        units.touch(event.unitId(), event.effectiveDate()).managers.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(ManagerRevoked event) {
        units.touch(event.unitId(), event.effectiveDate()).managers.remove(event.userId());
    }
}
