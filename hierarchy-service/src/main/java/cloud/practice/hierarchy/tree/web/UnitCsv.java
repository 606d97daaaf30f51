package cloud.practice.hierarchy.tree.web;

import cloud.practice.support.web.Location;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.hierarchy.OrgTier;
import cloud.practice.hierarchy.tree.query.OrgUnitView;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CSV form of a district tree (RFC 4180, UTF-8, header row): the same columns for import and export, lists
 * separated by {@code ;}. Documented in hierarchy-service/README.md.
 */
final class UnitCsv {

    static final List<String> COLUMNS = List.of("unitId", "code", "name", "tier", "parentId", "divisionCode",
            "address", "latitude", "longitude", "contact", "openingHours", "platforms", "communities");

    private UnitCsv() {
    }

    /** A parsed row, or the reason it could not be parsed; rows count from 1 after the header. */
    record Row(int number, UnitRequests.EstablishUnit unit, String error) {
    }

    static List<Row> parse(String text, LocalDate effectiveDate) {
        List<List<String>> records = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (records.isEmpty() || !records.get(0).equals(COLUMNS)) {
            throw new IllegalArgumentException("The first line must be the header " + String.join(",", COLUMNS));
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            List<String> cells = records.get(i);
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue;
            }
            if (cells.size() != COLUMNS.size()) {
                rows.add(new Row(i, null, "expected " + COLUMNS.size() + " columns, found " + cells.size()));
                continue;
            }
            try {
                rows.add(new Row(i, toUnit(cells, effectiveDate), null));
            } catch (IllegalArgumentException e) {
                rows.add(new Row(i, null, e.getMessage()));
            }
        }
        return rows;
    }

    private static UnitRequests.EstablishUnit toUnit(List<String> c, LocalDate effectiveDate) {
        Location location = c.get(7).isBlank() && c.get(8).isBlank() ? null
                : new Location(number("latitude", c.get(7)), number("longitude", c.get(8)));
        Set<ServicePlatform> platforms = new LinkedHashSet<>();
        for (String platform : list(c.get(11))) {
            try {
                platforms.add(ServicePlatform.valueOf(platform));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("platforms: unknown platform '" + platform + "', expected one of "
                        + Arrays.toString(ServicePlatform.values()));
            }
        }
        OrgTier tier;
        try {
            tier = OrgTier.valueOf(c.get(3));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tier: '" + c.get(3) + "' is not one of " + Arrays.toString(OrgTier.values()));
        }
        return new UnitRequests.EstablishUnit(blankToNull(c.get(0)), c.get(1), c.get(2), tier, blankToNull(c.get(4)),
                blankToNull(c.get(5)), blankToNull(c.get(6)), location, blankToNull(c.get(9)),
                blankToNull(c.get(10)), platforms, list(c.get(12)), effectiveDate);
    }

    static String write(List<OrgUnitView> units) {
        StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
        for (OrgUnitView unit : units) {
            List<String> cells = List.of(unit.unitId(), unit.code(), unit.name(), unit.tier().name(),
                    nullToBlank(unit.parentId()), nullToBlank(unit.divisionCode()), nullToBlank(unit.address()),
                    unit.location() == null ? "" : Double.toString(unit.location().latitude()),
                    unit.location() == null ? "" : Double.toString(unit.location().longitude()),
                    "", nullToBlank(unit.openingHours()),
                    unit.platforms().stream().map(Enum::name).collect(Collectors.joining(";")),
                    String.join(";", unit.communities()));
            csv.append(cells.stream().map(UnitCsv::quote).collect(Collectors.joining(","))).append("\r\n");
        }
        return csv.toString();
    }

    private static List<List<String>> records(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("The CSV ends inside a quoted cell");
        }
        if (cell.length() > 0 || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
        }
        return records;
    }

    private static String quote(String cell) {
        if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
            return "\"" + cell.replace("\"", "\"\"") + "\"";
        }
        return cell;
    }

    private static Double number(String column, String value) {
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + ": '" + value + "' is not a number");
        }
    }

    private static List<String> list(String cell) {
        return cell.isBlank() ? List.of() : Arrays.stream(cell.split(";")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList();
    }

    private static String blankToNull(String cell) {
        return cell == null || cell.isBlank() ? null : cell.trim();
    }

    private static String nullToBlank(String value) {
        return value == null ? "" : value;
    }
}
