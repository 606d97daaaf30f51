package cloud.practice.hierarchy.tree.web;

import cloud.practice.hierarchy.access.HierarchyAccess;
import cloud.practice.support.security.Caller;
import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.hierarchy.tree.api.TreeCommands.AssignManagerCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.ChangeOrgUnitDetailsCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.ChangeOrgUnitStatusCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.DefineGridsCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.EstablishOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.MergeOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.MoveOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RelocateOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RenameOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.RevokeManagerCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.SplitOrgUnitCommand;
import cloud.practice.hierarchy.tree.api.TreeCommands.StatusChange;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.hierarchy.tree.query.OrgUnitView;
import cloud.practice.hierarchy.tree.query.TreeQueries;
import cloud.practice.hierarchy.tree.query.TreeSnapshot;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Page;
import cloud.practice.support.web.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;


/**
 * The organisation tree of a district. Reads take {@code asOf} (a date; default today in the district) and answer
 * from the tree as it was then. Changes take an {@code effectiveDate} (default today) and an optional
 * {@code If-Match} with the unit's ETag; they answer with the unit's new version as ETag.
 */
@RestController
@Validated
@RequestMapping("/api/v1/org-units")
@Tag(name = "org-units", description = "The district's organisation tree, now and as it was")
public class OrgUnitController {

    private final HierarchyAccess access;


    private final CommandGateway commands;
    private final TreeQueries queries;
    private final IdempotentRequests idempotency;
    private final Clock districtClock;

    public OrgUnitController(HierarchyAccess access, CommandGateway commands, TreeQueries queries, IdempotentRequests idempotency,
                             Clock districtClock) {
        this.access = access;
        this.commands = commands;
        this.queries = queries;
        this.idempotency = idempotency;
        this.districtClock = districtClock;
    }

    @PostMapping
    @Operation(summary = "Establish a unit (Idempotency-Key supported)")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = UnitBodies.UnitEstablished.class)))
    public ResponseEntity<?> establish(Caller caller, District district,
                                      @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                      @Valid @RequestBody UnitBodies.EstablishUnit body) {
        access.establish(caller, district.id(), body.parentId());
        return idempotency.run(district.id(), key, body, () -> {
            UnitSpec spec = body.toSpec();
            long version = ((Number) commands.sendAndWait(
                    new EstablishOrgUnitCommand(district.id(), spec, effective(body.effectiveDate())))).longValue();
            URI location = URI.create("/api/v1/org-units/" + spec.unitId() + "?district=" + district.id());
            return ResponseEntity.created(location)
                    .eTag(Versions.etag(version))
                    .body(new UnitBodies.UnitEstablished(spec.unitId(), district.id(), version));
        });
    }

    @GetMapping
    @Operation(summary = "Search units by name, code, tier, status, platform")
    public Page<OrgUnitView> search(Caller caller, District district,
                                    @RequestParam(required = false) String name,
                                    @RequestParam(required = false) String code,
                                    @RequestParam(required = false) OrgTier tier,
                                    @RequestParam(required = false) OrgUnitStatus status,
                                    @RequestParam(required = false) ServicePlatform platform,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                    @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                    @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        access.read(caller, district.id());
        return Page.of(snapshot(caller, district.id(), asOf).search(name, code, tier, status, platform), page, size);
    }

    @GetMapping("/{unitId}")
    public ResponseEntity<OrgUnitView> unit(Caller caller, @PathVariable String unitId, District district,
                                            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        access.read(caller, district.id());
        OrgUnitView unit = snapshot(caller, district.id(), asOf).unit(unitId)
                .orElseThrow(() -> ApiException.notFound("unit", unitId));
        return ResponseEntity.ok().eTag(Versions.etag(unit.version())).body(unit);
    }

    @GetMapping("/{unitId}/children")
    public List<OrgUnitView> children(Caller caller, @PathVariable String unitId, District district,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        access.read(caller, district.id());
        TreeSnapshot tree = existing(caller, district.id(), asOf, unitId);
        return tree.children(unitId);
    }

    @GetMapping("/{unitId}/subtree")
    public List<TreeSnapshot.SubtreeEntry> subtree(Caller caller, @PathVariable String unitId, District district,
                                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                                                   @RequestParam(defaultValue = "10") @Min(0) @Max(10) int depth) {
        access.read(caller, district.id());
        return existing(caller, district.id(), asOf, unitId).subtree(unitId, depth);
    }

    @GetMapping("/{unitId}/path")
    @Operation(summary = "The path from the center down to the unit")
    public List<OrgUnitView> path(Caller caller, @PathVariable String unitId, District district,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        access.read(caller, district.id());
        return existing(caller, district.id(), asOf, unitId).path(unitId);
    }

    @GetMapping("/nearest-stations")
    public List<TreeSnapshot.NearbyUnit> nearest(Caller caller, District district,
                                                 @RequestParam @DecimalMin("-90") @DecimalMax("90") double lat,
                                                 @RequestParam @DecimalMin("-180") @DecimalMax("180") double lon,
                                                 @RequestParam(defaultValue = "5") @Min(1) @Max(50) int limit) {
        access.read(caller, district.id());
        return snapshot(caller, district.id(), null).nearestStations(new GeoPoint(lat, lon), limit);
    }

    @GetMapping("/{unitId}/coverage")
    @Operation(summary = "Which communities below the unit have a station, which do not")
    public TreeSnapshot.Coverage coverage(Caller caller, @PathVariable String unitId, District district,
                                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        access.read(caller, district.id());
        return existing(caller, district.id(), asOf, unitId).coverage(unitId);
    }

    @PostMapping("/{unitId}/rename")
    public ResponseEntity<UnitBodies.UnitChanged> rename(Caller caller, @PathVariable String unitId, District district,
                                                         @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                         @Valid @RequestBody UnitBodies.Rename body) {
        access.administer(caller, district.id(), unitId);
        return changed(unitId, commands.sendAndWait(new RenameOrgUnitCommand(district.id(), unitId, body.name().strip(),
                effective(body.effectiveDate()), Versions.expectedVersion(ifMatch))));
    }

    @PostMapping("/{unitId}/relocate")
    public ResponseEntity<UnitBodies.UnitChanged> relocate(Caller caller, @PathVariable String unitId,
                                                           District district,
                                                           @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                           @Valid @RequestBody UnitBodies.Relocate body) {
        access.administer(caller, district.id(), unitId);
        return changed(unitId, commands.sendAndWait(new RelocateOrgUnitCommand(district.id(), unitId, body.address(),
                body.location().toPoint(), effective(body.effectiveDate()), Versions.expectedVersion(ifMatch))));
    }

    @PostMapping("/{unitId}/details")
    public ResponseEntity<UnitBodies.UnitChanged> details(Caller caller, @PathVariable String unitId, District district,
                                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          @Valid @RequestBody UnitBodies.ChangeDetails body) {
        access.administer(caller, district.id(), unitId);
        return changed(unitId, commands.sendAndWait(new ChangeOrgUnitDetailsCommand(district.id(), unitId,
                body.divisionCode(), body.contact(), body.openingHours(), body.platforms(), body.communities(),
                effective(body.effectiveDate()), Versions.expectedVersion(ifMatch))));
    }

    @PostMapping("/{unitId}/grids")
    @Operation(summary = "Register the grids (网格) of a community the unit declares; the list replaces the earlier "
            + "one from effectiveDate on (an empty list: no grids)")
    public UnitBodies.GridsDefined grids(Caller caller, @PathVariable String unitId, District district,
                                     @Valid @RequestBody UnitBodies.DefineGrids body) {
        access.administer(caller, district.id(), unitId);
        List<String> grids = body.grids().stream().map(String::strip).toList();
        if (new java.util.HashSet<>(grids).size() != grids.size()) {
            throw ApiException.badRequest("grids", "grids must be distinct");
        }
        String community = body.community().strip();
        List<String> registered = commands.sendAndWait(new DefineGridsCommand(district.id(), unitId, community, grids,
                effective(body.effectiveDate())));
        return new UnitBodies.GridsDefined(unitId, community, registered);
    }

    @PostMapping("/{unitId}/move")
    @Operation(summary = "Move the unit and its whole subtree under another parent")
    public ResponseEntity<UnitBodies.UnitChanged> move(Caller caller, @PathVariable String unitId, District district,
                                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                       @Valid @RequestBody UnitBodies.Move body) {
        access.administer(caller, district.id(), unitId, body.parentId());
        return changed(unitId, commands.sendAndWait(new MoveOrgUnitCommand(district.id(), unitId, body.parentId(),
                effective(body.effectiveDate()), Versions.expectedVersion(ifMatch))));
    }

    @PostMapping("/{unitId}/suspend")
    public ResponseEntity<UnitBodies.UnitChanged> suspend(Caller caller, @PathVariable String unitId, District district,
                                                          @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                          @Valid @RequestBody UnitBodies.StatusChange body) {
        access.administer(caller, district.id(), unitId);
        return status(district.id(), unitId, StatusChange.SUSPEND, ifMatch, body);
    }

    @PostMapping("/{unitId}/reactivate")
    public ResponseEntity<UnitBodies.UnitChanged> reactivate(Caller caller, @PathVariable String unitId,
                                                             District district,
                                                             @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                             @Valid @RequestBody UnitBodies.StatusChange body) {
        access.administer(caller, district.id(), unitId);
        return status(district.id(), unitId, StatusChange.REACTIVATE, ifMatch, body);
    }

    @PostMapping("/{unitId}/close")
    @Operation(summary = "Close the unit (refused while it has units that are not closed)")
    public ResponseEntity<UnitBodies.UnitChanged> close(Caller caller, @PathVariable String unitId, District district,
                                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                        @Valid @RequestBody UnitBodies.StatusChange body) {
        access.administer(caller, district.id(), unitId);
        return status(district.id(), unitId, StatusChange.CLOSE, ifMatch, body);
    }

    @PostMapping("/{unitId}/merge")
    @Operation(summary = "Merge the unit into a survivor: children and coverage move, the unit closes")
    public ResponseEntity<UnitBodies.UnitChanged> merge(Caller caller, @PathVariable String unitId, District district,
                                                        @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                        @Valid @RequestBody UnitBodies.Merge body) {
        access.administer(caller, district.id(), unitId, body.survivorId());
        return changed(unitId, commands.sendAndWait(new MergeOrgUnitCommand(district.id(), unitId, body.survivorId(),
                effective(body.effectiveDate()), Versions.expectedVersion(ifMatch))));
    }

    @PostMapping("/{unitId}/split")
    @Operation(summary = "Split part of the unit's coverage off into a new unit beside it")
    public ResponseEntity<UnitBodies.UnitSplit> split(Caller caller, @PathVariable String unitId, District district,
                                                      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                      @Valid @RequestBody UnitBodies.Split body) {
        access.administer(caller, district.id(), unitId);
        String newUnitId = body.newUnitId() == null ? "unit-" + java.util.UUID.randomUUID() : body.newUnitId();
        commands.sendAndWait(new SplitOrgUnitCommand(district.id(), unitId, newUnitId, body.code(), body.name().strip(),
                body.communities(), effective(body.effectiveDate()), Versions.expectedVersion(ifMatch)));
        return ResponseEntity.created(URI.create("/api/v1/org-units/" + newUnitId + "?district=" + district.id()))
                .body(new UnitBodies.UnitSplit(newUnitId, unitId));
    }

    @PostMapping("/{unitId}/managers")
    @Operation(summary = "Make a person (their account id) a manager of the unit; the issuer grants them the unit's "
            + "admin role from it. role may be left out: one fits each tier (CENTER: DISTRICT_ADMIN, SUB_CENTER: "
            + "SUBCENTER_ADMIN, INSTITUTE: INSTITUTE_ADMIN, STATION and POINT: STATION_ADMIN). Only admins above "
            + "the unit (the district admin for any unit) assign; nobody assigns themselves.")
    public ResponseEntity<UnitBodies.UnitChanged> assignManager(Caller caller, @PathVariable String unitId,
                                                                District district,
                                                                @Valid @RequestBody UnitBodies.AssignManager body) {
        access.manageManagers(caller, district.id(), unitId, body.userId(), true);
        return changed(unitId, commands.sendAndWait(new AssignManagerCommand(district.id(), unitId, body.userId(),
                body.role(), managerEffective(body.effectiveDate()))));
    }

    @DeleteMapping("/{unitId}/managers/{userId}")
    @Operation(summary = "Revoke a manager of the unit: every service refuses their tree-granted token once it has "
            + "seen ManagerRevoked. Only admins above the unit (the district admin for any unit).")
    public ResponseEntity<UnitBodies.UnitChanged> revokeManager(Caller caller, @PathVariable String unitId,
                                                                @PathVariable @Pattern(regexp = UnitBodies.ACCOUNT_ID) String userId,
                                                                District district) {
        access.manageManagers(caller, district.id(), unitId, userId, false);
        return changed(unitId, commands.sendAndWait(new RevokeManagerCommand(district.id(), unitId, userId,
                LocalDate.now(districtClock))));
    }

    private ResponseEntity<UnitBodies.UnitChanged> status(String district, String unitId, StatusChange change,
                                                          String ifMatch, UnitBodies.StatusChange body) {
        return changed(unitId, commands.sendAndWait(new ChangeOrgUnitStatusCommand(district, unitId, change,
                body.reason(), effective(body.effectiveDate()), Versions.expectedVersion(ifMatch))));
    }

    private static ResponseEntity<UnitBodies.UnitChanged> changed(String unitId, Object version) {
        long newVersion = ((Number) version).longValue();
        return ResponseEntity.ok().eTag(Versions.etag(newVersion))
                .body(new UnitBodies.UnitChanged(unitId, newVersion));
    }

    private LocalDate effective(LocalDate requested) {
        LocalDate today = LocalDate.now(districtClock);
        LocalDate date = requested == null ? today : requested;
        if (date.isAfter(today.plusYears(1))) {
            throw ApiException.badRequest("effectiveDate", "effectiveDate may be at most one year ahead");
        }
        return date;
    }

    /**
     * A manager's rights start when the issuer sees the assignment, so the assignment cannot be dated ahead: a
     * future effectiveDate would claim a start the grant does not keep.
     */
    private LocalDate managerEffective(LocalDate requested) {
        LocalDate date = effective(requested);
        if (date.isAfter(LocalDate.now(districtClock))) {
            throw ApiException.badRequest("effectiveDate", "A manager is assigned from today or earlier; "
                    + "effectiveDate cannot lie in the future");
        }
        return date;
    }

    /** The tree as the caller may see it: the units' managers only for those who may see them. */
    private TreeSnapshot snapshot(Caller caller, String district, LocalDate asOf) {
        return queries.snapshot(district, asOf, access.seesManagers(caller, district));
    }

    private TreeSnapshot existing(Caller caller, String district, LocalDate asOf, String unitId) {
        TreeSnapshot tree = snapshot(caller, district, asOf);
        if (tree.unit(unitId).isEmpty()) {
            throw ApiException.notFound("unit", unitId);
        }
        return tree;
    }
}
