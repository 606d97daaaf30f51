package cloud.practice.volunteer.hours.web;

import cloud.practice.support.axon.ConflictRetry;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.support.web.IdempotentRequests;
import cloud.practice.support.web.Page;
import cloud.practice.support.web.Versions;
import cloud.practice.volunteer.access.AccessPolicy;
import cloud.practice.support.security.Caller;
import cloud.practice.volunteer.hours.api.HourCommands;
import cloud.practice.volunteer.hours.api.HourCommands.ConfigureStarThresholdsCommand;
import cloud.practice.volunteer.hours.api.HourCommands.GrantHonourHoursCommand;
import cloud.practice.volunteer.hours.api.HourCommands.RevokeHonourHoursCommand;
import cloud.practice.volunteer.hours.query.HourDocuments.Kind;
import cloud.practice.volunteer.hours.query.HourQueries;
import cloud.practice.volunteer.hours.query.HourViews.EntryView;
import cloud.practice.volunteer.hours.query.HourViews.HourTotals;
import cloud.practice.volunteer.hours.query.HourViews.LedgerView;
import cloud.practice.volunteer.hours.query.HourViews.ServiceRecord;
import cloud.practice.volunteer.hours.query.StarThresholds;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;
import cloud.practice.volunteer.registry.query.VolunteerQueries;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * The service-hour ledger of each volunteer (credit hours arrive from check-out events, honour hours from admins),
 * star levels and their thresholds, service records (JSON or CSV) and the district's totals. A grant or revocation
 * that loses an append race against a credit arriving from Kafka on the same ledger is simply run again.
 */
@RestController
@Validated
@RequestMapping("/api/v1/volunteers")
@Tag(name = "hours", description = "Credit and honour hours, star levels, service records, district totals")
public class HourController {

    private final CommandGateway commands;
    private final HourQueries hours;
    private final StarThresholds thresholds;
    private final VolunteerQueries volunteers;
    private final OrgUnitDirectory units;
    private final AccessPolicy access;
    private final IdempotentRequests idempotency;

    public HourController(CommandGateway commands, HourQueries hours, StarThresholds thresholds,
                          VolunteerQueries volunteers, OrgUnitDirectory units, AccessPolicy access,
                          IdempotentRequests idempotency) {
        this.commands = commands;
        this.hours = hours;
        this.thresholds = thresholds;
        this.volunteers = volunteers;
        this.units = units;
        this.access = access;
        this.idempotency = idempotency;
    }

    /** Hours in half-hour steps, e.g. 12.5. */
    public record Grant(@NotNull @DecimalMin("0.5") @DecimalMax("2000") BigDecimal hours,
                        @NotBlank @Size(max = 500) String reason, @Size(max = 200) String reference) {
    }

    public record Revocation(@NotBlank @Size(max = 500) String reason) {
    }

    public record Thresholds(@NotNull @Size(min = 5, max = 5) List<@NotNull @Min(1) @Max(100_000) Integer> thresholds) {
    }

    /** Honour hours granted, in half hours (the steps they come in). */
    public record HonourGranted(String grantId, String volunteerId, int halfHours, String grantedBy) {
    }

    /** A grant revoked, and the ledger's new version (also the answer's ETag). */
    public record GrantRevoked(String grantId, String revokedBy, long version) {
    }

    /** The hours for 1-5 stars in force; who set them and when only once the district configured its own. */
    public record StarLevelsInForce(String districtId, List<Integer> thresholds, boolean configured,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) String changedBy,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) Instant changedAt) {
    }

    /** The hours for 1-5 stars the district set. */
    public record StarLevelsSet(String districtId, List<Integer> thresholds) {
    }

    @GetMapping("/{volunteerId}/hours")
    @Operation(summary = "Credit and honour hours, stars and the next threshold")
    public ResponseEntity<LedgerView> ledger(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                             District district,
                                             @Parameter(hidden = true) Caller caller) {
        read(caller, district.id(), volunteerId);
        LedgerView ledger = hours.ledger(district.id(), volunteerId);
        return ResponseEntity.ok().eTag(Versions.etag(Math.max(0, ledger.version()))).body(ledger);
    }

    @GetMapping("/{volunteerId}/hours/entries")
    @Operation(summary = "Credited sessions (with how they were counted) and honour grants, newest first")
    public Page<EntryView> entries(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                   District district,
                                   @RequestParam(required = false) Kind kind,
                                   @RequestParam(defaultValue = "0") @Min(0) @Max(Page.MAX_PAGE) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(Page.MAX_SIZE) int size,
                                   @Parameter(hidden = true) Caller caller) {
        read(caller, district.id(), volunteerId);
        return hours.entries(district.id(), volunteerId, kind, page, size);
    }

    @PostMapping("/{volunteerId}/honour-hours")
    @Operation(summary = "Grant honour hours with a reason and reference (an admin; Idempotency-Key supported)")
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = HonourGranted.class)))
    public ResponseEntity<?> grant(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                   District district,
                                   @RequestHeader(name = IdempotentRequests.HEADER, required = false) String key,
                                   @Parameter(hidden = true) Caller caller, @Valid @RequestBody Grant body) {
        // Access is decided before a replay could answer for someone else.
        administer(caller, district.id(), volunteerId);
        return idempotency.run(district.id(), key, body, () -> {
            BigDecimal doubled = body.hours().multiply(BigDecimal.valueOf(2));
            if (doubled.stripTrailingZeros().scale() > 0) {
                throw ApiException.badRequest("hours", "hours come in half-hour steps (e.g. 12.5)");
            }
            String grantId = "grant-" + UUID.randomUUID();
            Object version = ConflictRetry.onConflict(() -> commands.sendAndWait(new GrantHonourHoursCommand(
                    HourCommands.ledgerId(volunteerId), district.id(), volunteerId, grantId, doubled.intValueExact(),
                    body.reason().strip(), body.reference(), caller.userId(), thresholds.of(district.id()))));
            long newVersion = ((Number) version).longValue();
            return ResponseEntity.created(URI.create("/api/v1/volunteers/" + volunteerId + "/honour-hours/" + grantId
                            + "?district=" + district.id())).eTag(Versions.etag(newVersion))
                    .body(new HonourGranted(grantId, volunteerId, doubled.intValueExact(), caller.userId()));
        });
    }

    @GetMapping("/{volunteerId}/honour-hours")
    @Operation(summary = "The audit trail of honour hours: who granted or revoked what, when and why")
    public List<EntryView> honour(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                  District district,
                                  @Parameter(hidden = true) Caller caller) {
        read(caller, district.id(), volunteerId);
        return hours.honour(district.id(), volunteerId);
    }

    @GetMapping("/{volunteerId}/honour-hours/{grantId}")
    public EntryView grant(@PathVariable @Pattern(regexp = ID) String volunteerId,
                           @PathVariable @Pattern(regexp = ID) String grantId,
                           District district,
                           @Parameter(hidden = true) Caller caller) {
        read(caller, district.id(), volunteerId);
        return hours.grant(district.id(), volunteerId, grantId)
                .orElseThrow(() -> ApiException.notFound("honour grant", grantId));
    }

    @PostMapping("/{volunteerId}/honour-hours/{grantId}/revoke")
    @Operation(summary = "Revoke a grant with a reason (an admin); may withdraw a star level")
    public ResponseEntity<GrantRevoked> revoke(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                               @PathVariable @Pattern(regexp = ID) String grantId,
                                               District district,
                                               @Parameter(hidden = true) Caller caller,
                                               @Valid @RequestBody Revocation body) {
        administer(caller, district.id(), volunteerId);
        hours.grant(district.id(), volunteerId, grantId)
                .orElseThrow(() -> ApiException.notFound("honour grant", grantId));
        long version = ((Number) ConflictRetry.onConflict(() -> commands.sendAndWait(new RevokeHonourHoursCommand(
                HourCommands.ledgerId(volunteerId), district.id(), grantId, body.reason().strip(), caller.userId(),
                thresholds.of(district.id()))))).longValue();
        return ResponseEntity.ok().eTag(Versions.etag(version))
                .body(new GrantRevoked(grantId, caller.userId(), version));
    }

    @GetMapping(value = "/{volunteerId}/service-record", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Hours by period, platform and source, sessions served and honour grants: JSON, or CSV "
            + "with format=csv")
    public ResponseEntity<?> serviceRecord(@PathVariable @Pattern(regexp = ID) String volunteerId,
                                           District district,
                                           @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv") String format,
                                           @RequestParam(defaultValue = "MONTH") HourQueries.Period period,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                           @Parameter(hidden = true) Caller caller) {
        VolunteerDocument volunteer = read(caller, district.id(), volunteerId);
        requireOrder(from, to);
        ServiceRecord record = hours.serviceRecord(district.id(), volunteerId, volunteer.maskedName, volunteer.erased,
                from, to, period);
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"service-record-" + volunteerId
                            + ".csv\"")
                    .body(ServiceRecordCsv.of(record));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(record);
    }

    @GetMapping("/hour-totals")
    @Operation(summary = "The district's hours by period, platform and source (an admin's scope: its units)")
    public HourTotals totals(District district,
                             @RequestParam(defaultValue = "MONTH") HourQueries.Period period,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                             @Parameter(hidden = true) Caller caller) {
        requireOrder(from, to);
        var scope = access.listScope(caller, district.id());
        return hours.totals(district.id(), scope.orElse(null),
                scope.map(unit -> units.subtree(district.id(), unit)).orElse(null), from, to, period);
    }

    @GetMapping("/star-levels")
    @Operation(summary = "Hours for 1-5 stars in force in the district (callers of the district)")
    public StarLevelsInForce starLevels(District district, @Parameter(hidden = true) Caller caller) {
        access.readDistrict(caller, district.id());
        return thresholds.configured(district.id())
                .map(set -> new StarLevelsInForce(district.id(), set.thresholds(), true, set.changedBy(),
                        set.changedAt()))
                .orElseGet(() -> new StarLevelsInForce(district.id(), thresholds.defaults(), false, null, null));
    }

    @PutMapping("/star-levels")
    @Operation(summary = "Set the district's hours for 1-5 stars (a district admin); applies from each volunteer's "
            + "next change of hours")
    public StarLevelsSet configureStarLevels(District district,
                                             @Parameter(hidden = true) Caller caller,
                                             @Valid @RequestBody Thresholds body) {
        access.districtAdmin(caller, district.id());
        commands.sendAndWait(new ConfigureStarThresholdsCommand(HourCommands.schemeId(district.id()), district.id(),
                body.thresholds(), caller.userId()));
        return new StarLevelsSet(district.id(), body.thresholds());
    }

    /** A volunteer the caller may not see answers exactly as a missing one ({@link AccessPolicy}). */
    private VolunteerDocument read(Caller caller, String district, String volunteerId) {
        return access.visibleVolunteer(caller, district, volunteerId, volunteers.volunteer(district, volunteerId));
    }

    private void administer(Caller caller, String district, String volunteerId) {
        VolunteerDocument volunteer = read(caller, district, volunteerId);
        access.administerVolunteer(caller, district, volunteerId, volunteer.homeUnitId);
    }

    private static void requireOrder(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiException.badRequest("to", "'to' lies before 'from'");
        }
    }
}
