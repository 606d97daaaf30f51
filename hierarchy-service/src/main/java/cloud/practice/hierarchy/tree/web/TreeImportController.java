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
import cloud.practice.support.web.District;
import cloud.practice.support.web.InvisibleCharacters;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
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

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;


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
    public ImportResult importJson(Caller caller, District district,
                                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
                                   @RequestBody String body) {
        access.administerDistrict(caller, district.id());
        JsonNode array;
        try {
            array = json.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", "The body is not valid JSON"
                    + (at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")"), Map.of());
        }
        if (array == null || !array.isArray()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", "The body must be a JSON array of units",
                    Map.of());
        }
        if (array.size() > MAX_ROWS) {
            throw ApiException.badRequest("body", "An import holds at most " + MAX_ROWS + " units");
        }
        // Row by row, so every row that cannot be read is reported with its number and field, in words.
        List<UnitCsv.Row> rows = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonNode row = array.get(i);
            if (!row.isObject()) {
                rows.add(UnitCsv.Row.refused(i + 1, null, "the row is not a unit (a JSON object)"));
                continue;
            }
            try {
                rows.add(UnitCsv.Row.of(i + 1, json.treeToValue(row, UnitBodies.EstablishUnit.class)));
            } catch (JsonMappingException e) {
                String field = fieldPath(e);
                rows.add(UnitCsv.Row.refused(i + 1, field, unreadable(e, field)));
            } catch (JsonProcessingException e) {
                rows.add(UnitCsv.Row.refused(i + 1, null, "the row cannot be read as a unit"));
            }
        }
        return run(district.id(), effectiveDate, rows);
    }

    @PostMapping(path = "/import", consumes = "text/csv")
    @Operation(summary = "Import a district tree from CSV (columns as in the export)")
    public ImportResult importCsv(Caller caller, District district,
                                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveDate,
                                  @RequestBody String body) {
        access.administerDistrict(caller, district.id());
        try {
            return run(district.id(), effectiveDate, UnitCsv.parse(body, effectiveDate));
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed-body", e.getMessage(), Map.of());
        }
    }

    @GetMapping(path = "/export")
    @Operation(summary = "Export the district tree (as of a date) as JSON or CSV, in the import format")
    public ResponseEntity<?> export(Caller caller, District district,
                                    @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv") String format,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        access.read(caller, district.id());
        List<OrgUnitView> units = queries.snapshot(district.id(), asOf).all().stream()
                .sorted(Comparator.comparing(OrgUnitView::tier).thenComparing(OrgUnitView::code)).toList();
        if (format.equals("csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"" + district.id() + "-org-units.csv\"")
                    .body(UnitCsv.write(units));
        }
        return ResponseEntity.ok(units.stream().map(unit -> new UnitBodies.EstablishUnit(unit.unitId(), unit.code(),
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
                errors.add(error(row.number(), null, row.field(), "invalid-field", row.error()));
                continue;
            }
            List<ConstraintViolation<UnitBodies.EstablishUnit>> violations =
                    new ArrayList<>(validator.validate(row.unit()));
            violations.sort(Comparator.comparing(v -> v.getPropertyPath().toString()));
            for (ConstraintViolation<UnitBodies.EstablishUnit> violation : violations) {
                String field = violation.getPropertyPath().toString().replace(".<list element>", "");
                errors.add(error(row.number(), row.unit().unitId(), field, "invalid-field",
                        field + ": " + violation.getMessage()));
            }
            List<Map<String, Object>> invisible = invisibleCharacters(row);
            errors.addAll(invisible);
            if (violations.isEmpty() && row.unit().unitId() == null) {
                errors.add(error(row.number(), null, "unitId", "invalid-field", "unitId: required in an import (it "
                        + "makes the import repeatable)"));
            }
            if (violations.isEmpty() && invisible.isEmpty() && row.unit().unitId() != null) {
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

    /**
     * The import's body is a raw text, which the platform's {@link InvisibleCharacters} advice does not see: every
     * text of the row is checked here, and refused like in any other body (named by row and field).
     */
    private static List<Map<String, Object>> invisibleCharacters(UnitCsv.Row row) {
        UnitBodies.EstablishUnit unit = row.unit();
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("unitId", unit.unitId());
        texts.put("code", unit.code());
        texts.put("name", unit.name());
        texts.put("parentId", unit.parentId());
        texts.put("divisionCode", unit.divisionCode());
        texts.put("address", unit.address());
        texts.put("contact", unit.contact());
        texts.put("openingHours", unit.openingHours());
        List<String> communities = unit.communities() == null ? List.of() : unit.communities();
        for (int i = 0; i < communities.size(); i++) {
            texts.put("communities[" + i + "]", communities.get(i));
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        texts.forEach((field, text) -> {
            int at = text == null ? -1 : InvisibleCharacters.find(text);
            if (at >= 0) {
                errors.add(error(row.number(), unit.unitId(), field, "invalid-field", String.format(
                        "%s: holds an invisible or direction-changing character (U+%04X at %d); remove it", field,
                        (int) text.charAt(at), at)));
            }
        });
        return errors;
    }

    /** {@code location.latitude}, {@code communities[2]}: the field as the client wrote it. */
    private static String fieldPath(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? null : path;
    }

    /** What is wrong with the field, in words: Jackson's own messages name Java classes. */
    private static String unreadable(JsonMappingException e, String field) {
        String name = field == null ? "the row" : "'" + field + "'";
        if (e instanceof UnrecognizedPropertyException) {
            return name + " is not a field of a unit";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return name + " must be one of " + List.of(format.getTargetType().getEnumConstants()) + ", not '"
                    + format.getValue() + "'";
        }
        if (e instanceof InvalidFormatException format) {
            return name + " has an invalid value '" + format.getValue() + "'";
        }
        if (e instanceof MismatchedInputException) {
            return name + " has the wrong type";
        }
        return name + " cannot be read";
    }

    private static Map<String, Object> error(int row, String unitId, String field, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("row", row);
        if (unitId != null) {
            error.put("unitId", unitId);
        }
        if (field != null) {
            error.put("field", field);
        }
        error.put("type", type);
        error.put("message", message);
        return error;
    }
}
