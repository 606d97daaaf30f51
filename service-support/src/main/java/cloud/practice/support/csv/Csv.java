package cloud.practice.support.csv;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * RFC 4180 CSV: a header row of stable column names, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break; null is an empty field; numbers in plain notation (no exponent). Cells that a spreadsheet would take
 * for a formula (starting with = + - @, a tab or a carriage return) are prefixed with a quote (OWASP's advice on CSV
 * injection). Every CSV the platform writes goes through here, so no export can forget the defusing.
 */
public final class Csv {

    public record Column<T>(String name, Function<T, Object> value) {
    }

    private Csv() {
    }

    public static <T> String write(List<Column<T>> columns, List<T> rows) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            out.append(i == 0 ? "" : ",").append(columns.get(i).name());
        }
        out.append("\r\n");
        for (T row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                out.append(i == 0 ? "" : ",").append(field(columns.get(i).value().apply(row)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** One field as it is written: formatted, defused and quoted where needed. */
    public static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value instanceof Enum<?> e ? e.name().toLowerCase(java.util.Locale.ROOT) : value.toString();
        text = defuse(text);
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    /** The text with a leading quote when a spreadsheet would otherwise run it as a formula. */
    public static String defuse(String text) {
        return !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static final String FORMULA_STARTS = "=+-@\t\r";
}
