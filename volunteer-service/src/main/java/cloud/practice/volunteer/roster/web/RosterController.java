package cloud.practice.volunteer.roster.web;

import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.support.security.Caller;
import cloud.practice.support.security.Role;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.District;
import cloud.practice.volunteer.access.AccessPolicy;
import cloud.practice.volunteer.privacy.IdentityIndex;
import cloud.practice.volunteer.roster.RosterFile;
import cloud.practice.volunteer.roster.RosterFile.Checked;
import cloud.practice.volunteer.roster.RosterFile.Problem;
import cloud.practice.volunteer.roster.RosterFile.Resolved;
import cloud.practice.volunteer.roster.RosterFile.Row;
import cloud.practice.volunteer.roster.RosterImports;
import cloud.practice.volunteer.roster.RosterImports.ImportView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * Bulk onboarding (ADR 0025): a district's roster of volunteers, as CSV or JSON, checked as a whole — every bad row
 * named, nothing stored when any is bad — then registered in the background with progress to follow. The same file
 * sent again is the same import; people an earlier roster brought in are found again and left as they are.
 */
@RestController
@Validated
@RequestMapping("/api/v1/volunteers/imports")
@Tag(name = "roster imports", description = "Bulk onboarding of volunteers from a roster file")
public class RosterController {

    private static final Set<OrgTier> HOME_TIERS = Set.of(OrgTier.STATION, OrgTier.INSTITUTE);
    private static final String IMPORT_ID = "imp-[0-9a-f]{24}";

    private final RosterImports imports;
    private final IdentityIndex identities;
    private final OrgUnitDirectory units;
    private final AccessPolicy access;
    private final Clock clock;
    private final ZoneId zone;

    public RosterController(RosterImports imports, IdentityIndex identities, OrgUnitDirectory units,
                            AccessPolicy access, Clock clock,
                            @Value("${practice.district.zone:Asia/Shanghai}") String zone) {
        this.imports = imports;
        this.identities = identities;
        this.units = units;
        this.access = access;
        this.clock = clock;
        this.zone = ZoneId.of(zone);
    }

    /** The answer of a roster with bad rows: every one of them, nothing stored. */
    public record RosterRefused(String type, String title, int status, String detail, int rows, int badRows,
                                List<Problem> problems) {
    }

    @PostMapping(consumes = {"text/csv", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "Import a roster of volunteers (CSV with a header row — 姓名, 证件号码, 手机号码, 性别, 出生日期, "
            + "服务技能, 所属站点, 注册时间, 服务时长, … or their English names — or a JSON array of rows). The whole file "
            + "is checked first: 422 roster-invalid lists every bad row by number and field and nothing is stored. "
            + "Otherwise 202 with the import to follow; the same file again answers 200 with the same import. People "
            + "an earlier roster registered are counted as alreadyThere; recorded hours become honour hours")
    @ApiResponse(responseCode = "202", description = "Accepted",
            content = @Content(schema = @Schema(implementation = ImportView.class)))
    @ApiResponse(responseCode = "422", description = "Bad rows",
            content = @Content(schema = @Schema(implementation = RosterRefused.class)))
    public ResponseEntity<ImportView> importRoster(@Parameter(hidden = true) Caller caller, District district,
                                                   @Parameter(hidden = true) @RequestHeader(HttpHeaders.CONTENT_TYPE)
                                                   MediaType type,
                                                   @RequestBody byte[] content) {
        access.staffOf(caller, district.id(), "import volunteer rosters");
        String importId = importId(district.id(), content);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Checked checked = RosterFile.check(content, MediaType.APPLICATION_JSON.isCompatibleWith(type),
                homeUnits(caller, district.id()), today);
        List<Problem> problems = new ArrayList<>(checked.problems());
        List<Row> toRegister = new ArrayList<>(checked.rows().size());
        int alreadyThere = againstTheRegistry(district.id(), checked.rows(), toRegister, problems);
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::row));
            long bad = problems.stream().mapToInt(Problem::row).distinct().count();
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "roster-invalid", bad + " of " + checked.total()
                    + " rows cannot be imported; nothing was stored. Mend them and send the whole file again",
                    Map.of("rows", checked.total(), "badRows", bad, "problems", problems));
        }
        // Only a file this caller may import answers with an earlier import of it (checked above: every row's unit
        // within their reach); the earlier import's rows are all there now, so the check finds no problem in them.
        var earlier = imports.find(district.id(), importId);
        if (earlier.isPresent()) {
            return ResponseEntity.ok().location(location(district.id(), importId)).body(earlier.get());
        }
        ImportView accepted = imports.accept(district.id(), importId, caller.userId(), checked.total(), alreadyThere,
                toRegister);
        return ResponseEntity.accepted().location(location(district.id(), importId)).body(accepted);
    }

    @GetMapping("/{importId}")
    @Operation(summary = "Where an import stands: rows registered so far, batches done, and what stopped it if it did")
    public ImportView importStatus(@Parameter(hidden = true) Caller caller, District district,
                                   @PathVariable @Pattern(regexp = IMPORT_ID) String importId) {
        access.staffOf(caller, district.id(), "follow roster imports");
        return imports.find(district.id(), importId)
                .filter(found -> seesEveryImport(caller, district.id()) || caller.userId().equals(found.startedBy()))
                .orElseThrow(() -> ApiException.notFound("import", importId));
    }

    @GetMapping
    @Operation(summary = "The district's roster imports, newest first (50); an admin below the district sees their own")
    public List<ImportView> list(@Parameter(hidden = true) Caller caller, District district) {
        access.staffOf(caller, district.id(), "follow roster imports");
        return imports.list(district.id(), seesEveryImport(caller, district.id()) ? null : caller.userId(), 50);
    }

    private static boolean seesEveryImport(Caller caller, String district) {
        return caller.isSystemOf(district) || caller.role() == Role.DISTRICT_ADMIN;
    }

    /**
     * Each checked row against the registry as it is now: a person an earlier roster brought in (their ID number
     * held by the id a roster gives them) is already there; a number held by anyone else is a bad row.
     */
    private int againstTheRegistry(String district, List<Row> rows, List<Row> toRegister, List<Problem> problems) {
        IdentityIndex.Holders holders = identities.holders(district, rows.stream().map(Row::phone).toList(),
                rows.stream().map(Row::idNumber).toList());
        int alreadyThere = 0;
        for (Row row : rows) {
            String own = identities.rosterVolunteerId(district, row.idNumber());
            String idHolder = holders.byIdNumber().get(row.idNumber());
            String phoneHolder = holders.byPhone().get(row.phone());
            if (own.equals(idHolder)) {
                alreadyThere++;
            } else if (idHolder != null) {
                problems.add(new Problem(row.row(), "idNumber", "a volunteer with this ID number is already "
                        + "registered in the district"));
            } else if (phoneHolder != null && !own.equals(phoneHolder)) {
                problems.add(new Problem(row.row(), "phone", "a volunteer with this phone number is already "
                        + "registered in the district"));
            } else {
                toRegister.add(row);
            }
        }
        return alreadyThere;
    }

    /**
     * Home units by id or by exact name: an open station or institute of the district where the caller may register
     * volunteers (an admin: their subtree). A name two units share is refused, naming their ids.
     */
    private RosterFile.Units homeUnits(Caller caller, String district) {
        List<OrgUnitDirectory.Unit> all = units.units(district);
        Map<String, OrgUnitDirectory.Unit> byId = new HashMap<>();
        Map<String, List<OrgUnitDirectory.Unit>> byName = new HashMap<>();
        all.forEach(unit -> {
            byId.put(unit.unitId(), unit);
            byName.computeIfAbsent(unit.name(), name -> new ArrayList<>()).add(unit);
        });
        return idOrName -> {
            OrgUnitDirectory.Unit unit = byId.get(idOrName);
            if (unit == null) {
                List<OrgUnitDirectory.Unit> named = byName.getOrDefault(idOrName, List.of());
                if (named.size() > 1) {
                    return Resolved.refused("several units are called '" + idOrName + "': give the id ("
                            + named.stream().map(OrgUnitDirectory.Unit::unitId).sorted().toList() + ")");
                }
                unit = named.isEmpty() ? null : named.get(0);
            }
            if (unit == null || !access.registersAt(caller, district, unit.unitId())) {
                return Resolved.refused("'" + idOrName + "' is not a unit of this district where you may register "
                        + "volunteers");
            }
            if (!HOME_TIERS.contains(unit.tier())) {
                return Resolved.refused("a home unit is a station or an institute, not a " + unit.tier());
            }
            if (!unit.active()) {
                return Resolved.refused("'" + idOrName + "' is " + unit.status());
            }
            return Resolved.unit(unit.unitId());
        };
    }

    /** The same district and the same bytes are the same import. */
    private static String importId(String district, byte[] content) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(district.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            return "imp-" + HexFormat.of().formatHex(digest.digest(content)).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static URI location(String district, String importId) {
        return URI.create("/api/v1/volunteers/imports/" + importId + "?district=" + district);
    }
}
