package cloud.practice.hierarchy.tree.web;

import cloud.practice.support.csv.Csv;
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
 * separated by {@code ;}. Written by the platform's {@link Csv} (cells a spreadsheet would run as a formula get a
 * leading quote); read back here, that quote removed again. Documented in hierarchy-service/README.md.
 */
final class UnitCsv {

    /** The columns as written; the tier and platforms as their names, the contact never (it is not exported). */
    private static final List<Csv.Column<OrgUnitView>> WRITTEN = List.of(
            new Csv.Column<>("unitId", OrgUnitView::unitId),
            new Csv.Column<>("code", OrgUnitView::code),
            new Csv.Column<>("name", OrgUnitView::name),
            new Csv.Column<>("tier", unit -> unit.tier().name()),
            new Csv.Column<>("parentId", OrgUnitView::parentId),
            new Csv.Column<>("divisionCode", OrgUnitView::divisionCode),
            new Csv.Column<>("address", OrgUnitView::address),
            new Csv.Column<>("latitude", unit -> unit.location() == null ? null : unit.location().latitude()),
            new Csv.Column<>("longitude", unit -> unit.location() == null ? null : unit.location().longitude()),
            new Csv.Column<>("contact", unit -> null),
            new Csv.Column<>("openingHours", OrgUnitView::openingHours),
            new Csv.Column<>("platforms", unit -> unit.platforms().stream().map(Enum::name)
                    .collect(Collectors.joining(";"))),
            new Csv.Column<>("communities", unit -> String.join(";", unit.communities())));

    static final List<String> COLUMNS = WRITTEN.stream().map(Csv.Column::name).toList();

    private UnitCsv() {
    }

    /**
     * A parsed row, or the reason it could not be parsed and the field at fault (null when it is the row as a whole);
     * rows count from 1 after the header (in JSON, from 1 in the array).
     */
    record Row(int number, UnitBodies.EstablishUnit unit, String field, String error) {

        static Row of(int number, UnitBodies.EstablishUnit unit) {
            return new Row(number, unit, null, null);
        }

        static Row refused(int number, String field, String error) {
            return new Row(number, null, field, error);
        }
    }

    /** A cell that cannot be read, with its column. */
    static final class BadCell extends IllegalArgumentException {
        final String field;

        BadCell(String field, String message) {
            super(field + ": " + message);
            this.field = field;
        }
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
                rows.add(Row.refused(i, null, "expected " + COLUMNS.size() + " columns, found " + cells.size()));
                continue;
            }
            try {
                rows.add(Row.of(i, toUnit(cells, effectiveDate)));
            } catch (BadCell e) {
                rows.add(Row.refused(i, e.field, e.getMessage()));
            }
        }
        return rows;
    }

    private static UnitBodies.EstablishUnit toUnit(List<String> cells, LocalDate effectiveDate) {
        List<String> c = cells.stream().map(UnitCsv::undefuse).toList();
        Location location = c.get(7).isBlank() && c.get(8).isBlank() ? null
                : new Location(number("latitude", c.get(7)), number("longitude", c.get(8)));
        Set<ServicePlatform> platforms = new LinkedHashSet<>();
        for (String platform : list(c.get(11))) {
            try {
                platforms.add(ServicePlatform.valueOf(platform));
            } catch (IllegalArgumentException e) {
                throw new BadCell("platforms", "unknown platform '" + platform + "', expected one of "
                        + Arrays.toString(ServicePlatform.values()));
            }
        }
        OrgTier tier;
        try {
            tier = OrgTier.valueOf(c.get(3));
        } catch (IllegalArgumentException e) {
            throw new BadCell("tier", "'" + c.get(3) + "' is not one of " + Arrays.toString(OrgTier.values()));
        }
        return new UnitBodies.EstablishUnit(blankToNull(c.get(0)), c.get(1), c.get(2), tier, blankToNull(c.get(4)),
                blankToNull(c.get(5)), blankToNull(c.get(6)), location, blankToNull(c.get(9)),
                blankToNull(c.get(10)), platforms, list(c.get(12)), effectiveDate);
    }

    /** Every cell through the platform's one CSV writer: quoted where needed, formulas defused. */
    static String write(List<OrgUnitView> units) {
        return Csv.write(WRITTEN, units);
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

    /**
     * The cell as it was before {@link Csv#defuse}: one leading quote before {@code = + - @}, a tab or a carriage
     * return is the writer's, not the text's, so an exported file imports back unchanged. (A text that itself starts
     * with a quote and one of those characters loses that quote; no name, address or opening hours needs one.)
     */
    static String undefuse(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && !Csv.defuse(cell.substring(1)).equals(cell.substring(1))
                ? cell.substring(1) : cell;
    }

    private static Double number(String column, String value) {
        try {
            return Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new BadCell(column, "'" + value + "' is not a number");
        }
    }

    private static List<String> list(String cell) {
        return cell.isBlank() ? List.of() : Arrays.stream(cell.split(";")).map(String::trim)
                .filter(item -> !item.isEmpty()).toList();
    }

    private static String blankToNull(String cell) {
        return cell == null || cell.isBlank() ? null : cell.trim();
    }

}
