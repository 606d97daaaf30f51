package cloud.practice.hierarchy.tree.web;

import cloud.practice.hierarchy.access.HierarchyAccess;
import cloud.practice.support.security.Caller;
import cloud.practice.support.web.Location;
import cloud.practice.hierarchy.tree.api.TreeCommands.ImportDistrictTreeCommand;
import cloud.practice.hierarchy.tree.api.UnitSpec;
import cloud.practice.hierarchy.tree.api.ImportResult;
import cloud.practice.hierarchy.tree.query.OrgUnitView;
import cloud.practice.hierarchy.tree.query.TreeQueries;
import cloud.practice.support.web.ApiException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static cloud.practice.support.web.ApiFormats.DISTRICT;

/**
 * Bulk onboarding: a whole district tree in one call, JSON or CSV, validated as a whole (every bad row reported
 * with its number, nothing imported), idempotent when repeated; and the export in the same formats.
 */
@RestController
@Validated
@RequestMapping("/api/v1/org-units")
public class TreeImportController {

    private final HierarchyAccess access;

    static final int MAX_ROWS = 5_000;

    private final CommandGateway commands;
    private final TreeQueries queries;
    private final Validator validator;
    private final ObjectMapper json;
    private final Clock districtClock;

    public TreeImportController(HierarchyAccess access, CommandGateway commands, TreeQueries queries, Validator validator, ObjectMapper json,
                                Clock districtClock) {
        this.access = access;
        this.commands = commands;
        this.queries = queries;
        this.validator = validator;
        this.json = json;
        this.districtClock = districtClock;
    }

    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import a district tree from a JSON array of units (all or nothing, repeatable)")
    public ImportResult importJson(Caller caller, @RequestParam @Pattern(regexp = DISTRICT) String district,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
                                   @RequestBody String body) {
        access.administerDistrict(caller, district);
        UnitRequests.EstablishUnit[] units;
        try {
            units = json.readValue(body, UnitRequests.EstablishUnit[].class);
        } catch (IOException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-body",
                    "The body must be a JSON array of units: " + e.getMessage(), Map.of());
        }
        List<UnitCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < units.length; i++) {
            rows.add(new UnitCsv.Row(i + 1, units[i], units[i] == null ? "row is null" : null));
        }
        return run(district, effectiveDate, rows);
    }

    @PostMapping(path = "/import", consumes = "text/csv")
    @Operation(summary = "Import a district tree from CSV (columns as in the export)")
    public ImportResult importCsv(Caller caller, @RequestParam @Pattern(regexp = DISTRICT) String district,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
                                  @RequestBody String body) {
        access.administerDistrict(caller, district);
        try {
            return run(district, effectiveDate, UnitCsv.parse(body, effectiveDate));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", e.getMessage(), Map.of());
        }
    }

    @GetMapping(path = "/export")
    @Operation(summary = "Export the district tree (as of a date) as JSON or CSV, in the import format")
    public ResponseEntity<?> export(Caller caller, @RequestParam @Pattern(regexp = DISTRICT) String district,
                                    @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv") String format,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        access.read(caller, district);
        List<OrgUnitView> units = queries.snapshot(district, asOf).all().stream()
                .sorted(Comparator.comparing(OrgUnitView::tier).thenComparing(OrgUnitView::code)).toList();
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"" + district + "-org-units.csv\"")
                    .body(UnitCsv.write(units));
        }
        return ResponseEntity.ok(units.stream().map(unit -> new UnitRequests.EstablishUnit(unit.unitId(), unit.code(),
                unit.name(), unit.tier(), unit.parentId(), unit.divisionCode(), unit.address(),
                Location.of(unit.location()),
                null, unit.openingHours(), unit.platforms(), unit.communities(), null)).toList());
    }

    private ImportResult run(String district, LocalDate effectiveDate, List<UnitCsv.Row> rows) {
        if (rows.isEmpty()) {
            throw ApiException.badRequest("body", "The import has no units");
        }
        if (rows.size() > MAX_ROWS) {
            throw ApiException.badRequest("body", "An import holds at most " + MAX_ROWS + " units");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        List<UnitSpec> specs = new ArrayList<>();
        for (UnitCsv.Row row : rows) {
            if (row.error() != null) {
                errors.add(error(row.number(), null, "invalid-field", row.error()));
                continue;
            }
            List<ConstraintViolation<UnitRequests.EstablishUnit>> violations =
                    new ArrayList<>(validator.validate(row.unit()));
            violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
            for (ConstraintViolation<UnitRequests.EstablishUnit> violation : violations) {
                errors.add(error(row.number(), row.unit().unitId(), "invalid-field",
                        violation.getPropertyPath() + ": " + violation.getMessage()));
            }
            if (violations.isEmpty() && row.unit().unitId() == null) {
                errors.add(error(row.number(), null, "invalid-field", "unitId: required in an import (it makes "
                        + "the import repeatable)"));
            }
            if (violations.isEmpty() && row.unit().unitId() != null) {
                specs.add(row.unit().toSpec());
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "import-invalid",
                    errors.size() + " problem(s) in the import; nothing was imported", Map.of("errors", errors));
        }
        LocalDate effective = effectiveDate == null ? LocalDate.now(districtClock) : effectiveDate;
        return commands.sendAndWait(new ImportDistrictTreeCommand(district, specs, effective));
    }

    private static Map<String, Object> error(int row, String unitId, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("row", row);
        if (unitId != null) {
            error.put("unitId", unitId);
        }
        error.put("type", type);
        error.put("message", message);
        return error;
    }
}
