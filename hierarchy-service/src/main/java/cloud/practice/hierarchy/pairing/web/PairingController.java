package cloud.practice.hierarchy.pairing.web;

import cloud.practice.hierarchy.access.HierarchyAccess;
import cloud.practice.support.security.Caller;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.events.hierarchy.OrgUnitStatus;
import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.hierarchy.PartnerType;
import cloud.practice.hierarchy.pairing.api.PairingCommands;
import cloud.practice.hierarchy.pairing.api.PairingCommands.EndPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.FormPairingCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RecordPairingActivityCommand;
import cloud.practice.hierarchy.pairing.api.PairingCommands.RegisterPartnerCommand;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.PairingDocument;
import cloud.practice.hierarchy.pairing.query.PairingDocuments.PartnerDocument;
import cloud.practice.hierarchy.pairing.query.PairingHealth;
import cloud.practice.hierarchy.pairing.query.PairingQueries;
import cloud.practice.hierarchy.tree.query.OrgUnitView;
import cloud.practice.hierarchy.tree.query.TreeQueries;
import cloud.practice.hierarchy.tree.query.TreeSnapshot;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
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
import java.util.Map;
import java.util.UUID;

import static cloud.practice.support.web.ApiFormats.ID;

/** The pairing programme (结对帮带): partners, their pairings with stations, activity, and health. */
@RestController
@Validated
@RequestMapping("/api/v1")
@Tag(name = "pairing", description = "Partners paired with stations, and the programme's health")
public class PairingController {

    private final HierarchyAccess access;
    private final CommandGateway commands;
    private final PairingQueries pairings;
    private final TreeQueries tree;
    private final IdempotentRequests idempotency;
    private final Clock districtClock;
    private final EventStore eventStore;

    public PairingController(HierarchyAccess access, CommandGateway commands, PairingQueries pairings, TreeQueries tree,
                             IdempotentRequests idempotency, Clock districtClock, EventStore eventStore) {
        this.access = access;
        this.eventStore = eventStore;
        this.commands = commands;
        this.pairings = pairings;
        this.tree = tree;
        this.idempotency = idempotency;
        this.districtClock = districtClock;
    }

    public record RegisterPartner(@Pattern(regexp = ID) String partnerId, @NotNull PartnerType type,
                                  @NotBlank @Size(max = 100) String name, @Size(max = 100) String owningDepartment,
                                  @Pattern(regexp = "[0-9+\\- ]{5,20}") String contact) {
    }

    public record FormPairing(@Pattern(regexp = ID) String pairingId, @NotBlank @Pattern(regexp = ID) String partnerId,
                              @NotEmpty @Size(max = 50) List<@NotBlank @Pattern(regexp = ID) String> stationIds,
                              @NotNull PairingModel model, @Min(0) @Max(100) int activitiesPerQuarter,
                              @NotNull LocalDate startDate, LocalDate endDate) {
    }

    public record RecordActivity(@NotBlank @Pattern(regexp = ID) String stationId,
                                 @Pattern(regexp = ID) String activityId, @NotBlank @Size(max = 200) String title,
                                 @NotNull LocalDate heldOn) {
    }

    public record EndPairing(@Size(max = 500) String reason, LocalDate endDate) {
    }

    /** The answer to registering a partner. */
    public record PartnerCreated(String partnerId) {
    }

    /** The answer to forming a pairing. */
    public record PairingCreated(String pairingId) {
    }

    /** The answer to recording a pairing's activity or ending it. */
    public record PairingActedOn(String pairingId) {
    }

    @PostMapping("/partners")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PartnerCreated.class)))
    public ResponseEntity<?> registerPartner(Caller caller, District district,
                                             @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                             @Valid @RequestBody RegisterPartner body) {
        access.administerDistrict(caller, district.id());
        return idempotency.run(district.id(), key, body, () -> {
            String partnerId = body.partnerId() == null ? "partner-" + UUID.randomUUID() : body.partnerId();
            ApiException exists = new ApiException(HttpStatus.CONFLICT, "partner-exists",
                    "Partner '" + partnerId + "' already exists in this district", Map.of("field", "partnerId"));
            if (created(PairingCommands.partnerAggregateId(district.id(), partnerId))) {
                throw exists;
            }
            PairingCommands.create(commands, new RegisterPartnerCommand(partnerId, district.id(), body.type(),
                    body.name().strip(), body.owningDepartment(), body.contact()), exists);
            return ResponseEntity.created(URI.create("/api/v1/partners/" + partnerId + "?district=" + district.id()))
                    .body(new PartnerCreated(partnerId));
        });
    }

    @GetMapping("/partners")
    @Operation(summary = "The district's partners by id, a page at a time")
    public Page<PartnerDocument> partners(Caller caller, District district,
                                          @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                          @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        access.read(caller, district.id());
        return Page.of(pairings.partners(district.id()), page, size);
    }

    @PostMapping("/pairings")
    @Operation(summary = "Pair a partner with stations under one of the three models")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = PairingCreated.class)))
    public ResponseEntity<?> formPairing(Caller caller, District district,
                                         @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                         @Valid @RequestBody FormPairing body) {
        access.administer(caller, district.id(), body.stationIds().toArray(String[]::new));
        return idempotency.run(district.id(), key, body, () -> {
            if (!created(PairingCommands.partnerAggregateId(district.id(), body.partnerId()))) {
                throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-partner",
                        "Partner '" + body.partnerId() + "' is not registered in this district",
                        Map.of("field", "partnerId"));
            }
            TreeSnapshot snapshot = tree.snapshot(district.id(), body.startDate());
            for (String stationId : body.stationIds()) {
                OrgUnitView station = snapshot.unit(stationId).orElse(null);
                if (station == null || station.tier() != OrgTier.STATION || station.status() == OrgUnitStatus.CLOSED) {
                    throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-station",
                            "'" + stationId + "' is not an open station of this district on " + body.startDate(),
                            Map.of("field", "stationIds"));
                }
            }
            String pairingId = body.pairingId() == null ? "pairing-" + UUID.randomUUID() : body.pairingId();
            ApiException exists = new ApiException(HttpStatus.CONFLICT, "pairing-exists",
                    "Pairing '" + pairingId + "' already exists in this district", Map.of("field", "pairingId"));
            if (created(PairingCommands.pairingAggregateId(district.id(), pairingId))) {
                throw exists;
            }
            PairingCommands.create(commands, new FormPairingCommand(pairingId, district.id(), body.partnerId(),
                    body.stationIds(), body.model(), body.activitiesPerQuarter(), body.startDate(), body.endDate()),
                    exists);
            return ResponseEntity.created(URI.create("/api/v1/pairings/" + pairingId + "?district=" + district.id()))
                    .body(new PairingCreated(pairingId));
        });
    }

    @GetMapping("/pairings")
    @Operation(summary = "The district's pairings by id (of a station, of a partner), a page at a time")
    public Page<PairingDocument> list(Caller caller, District district,
                                      @RequestParam(required = false) String stationId,
                                      @RequestParam(required = false) String partnerId,
                                      @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                      @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size) {
        access.read(caller, district.id());
        return Page.of(pairings.pairings(district.id()).stream()
                .filter(pairing -> stationId == null || pairing.stationIds.contains(stationId))
                .filter(pairing -> partnerId == null || pairing.partnerId.equals(partnerId))
                .toList(), page, size);
    }

    @GetMapping("/pairings/{pairingId}")
    public PairingDocument pairing(Caller caller, @PathVariable String pairingId, District district) {
        access.read(caller, district.id());
        return pairings.pairing(district.id(), pairingId)
                .orElseThrow(() -> ApiException.notFound("pairing", pairingId));
    }

    @PostMapping("/pairings/{pairingId}/activities")
    public ResponseEntity<PairingActedOn> recordActivity(Caller caller, @PathVariable String pairingId,
                                                         District district, @Valid @RequestBody RecordActivity body) {
        access.administer(caller, district.id(), body.stationId());
        pairing(caller, pairingId, district);
        commands.sendAndWait(new RecordPairingActivityCommand(pairingId, district.id(), body.stationId(),
                body.activityId(), body.title(), body.heldOn()));
        return ResponseEntity.ok(new PairingActedOn(pairingId));
    }

    @PostMapping("/pairings/{pairingId}/end")
    public ResponseEntity<PairingActedOn> end(Caller caller, @PathVariable String pairingId, District district,
                                              @Valid @RequestBody EndPairing body) {
        String[] stations = pairing(caller, pairingId, district).stationIds.toArray(String[]::new);
        access.administer(caller, district.id(), stations);
        commands.sendAndWait(new EndPairingCommand(pairingId, district.id(), body.reason(),
                body.endDate() == null ? LocalDate.now(districtClock) : body.endDate()));
        return ResponseEntity.ok(new PairingActedOn(pairingId));
    }

    /**
     * Whether the aggregate was created, asked of the event store: the read model may not have the partner or pairing
     * of a moment ago yet, and a duplicate must be a 409, never the event store's refusal as a 500.
     */
    private boolean created(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }

    @GetMapping("/pairings/health")
    @Operation(summary = "Partners and stations without a running pairing, and dormant pairings, below a unit")
    public PairingHealth health(Caller caller, District district,
                                @RequestParam @Pattern(regexp = ID) String unitId,
                                @RequestParam(defaultValue = "90") @Min(1) @Max(3650) int inactiveDays,
                                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        access.read(caller, district.id());
        LocalDate date = asOf == null ? LocalDate.now(districtClock) : asOf;
        TreeSnapshot snapshot = tree.snapshot(district.id(), date);
        if (snapshot.unit(unitId).isEmpty()) {
            throw ApiException.notFound("unit", unitId);
        }
        return pairings.health(snapshot, unitId, date, inactiveDays);
    }
}
