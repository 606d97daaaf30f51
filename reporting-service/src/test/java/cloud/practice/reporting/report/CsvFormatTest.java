package cloud.practice.reporting.report;

import cloud.practice.reporting.report.Csv.Column;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class CsvFormatTest {

    private record Row(String text, Double ratio, Long count) {
    }

    private static final List<Column<Row>> COLUMNS = List.of(new Column<>("text", Row::text),
            new Column<>("ratio", Row::ratio), new Column<>("count", Row::count));

    @Test
    void shouldWriteAHeaderThenOneCrlfTerminatedLinePerRow() {
        String csv = Csv.write(COLUMNS, List.of(new Row("plain", 0.5, 3L), new Row(null, null, null)));
        assertThat(csv).isEqualTo("text,ratio,count\r\nplain,0.5,3\r\n,,\r\n");
    }

    @Test
    void shouldQuoteCommasQuotesAndLineBreaksAndDefuseFormulas() {
        String csv = Csv.write(COLUMNS, List.of(new Row("a,b", 1.0, 1L), new Row("say \"hi\"", 1e-7, 2L),
                new Row("two\nlines", 12345678.9, 3L), new Row("=SUM(A1)", 0.0, 4L)));
        assertThat(csv.split("\r\n")).containsExactly("text,ratio,count", "\"a,b\",1,1", "\"say \"\"hi\"\"\",0.0000001,2",
                "\"two\nlines\",12345678.9,3", "'=SUM(A1),0,4");
    }

    @Test
    void shouldKeepFigureColumnNamesUniqueSnakeCaseAndDocumentedInTheReadme() throws Exception {
        List<String> names = ReportColumns.FIGURES.stream().map(Column::name).toList();
        assertThat(new HashSet<>(names)).hasSameSizeAs(names);
        assertThat(names).allMatch(name -> name.matches("[a-z0-9_]+"));
        assertThat(names.subList(0, 6)).containsExactly("period", "from", "to", "unit_id", "scope", "view");
        String readme = Files.readString(Path.of("README.md"));
        Set<String> documented = new HashSet<>();
        Matcher code = Pattern.compile("`([a-z0-9_]+)`").matcher(readme);
        while (code.find()) {
            documented.add(code.group(1));
        }
        for (List<? extends Column<?>> columns : List.of(ReportColumns.FIGURES, ReportColumns.DEMAND,
                ReportColumns.TOP_VOLUNTEERS, ReportColumns.TOP_UNITS, ReportColumns.UNITS,
                ReportColumns.OPEN_REQUESTS)) {
            assertThat(documented).as("README documents every CSV column")
                    .containsAll(columns.stream().map(Column::name).toList());
        }
    }
}
