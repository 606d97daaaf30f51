package cloud.practice.reporting.report;

import cloud.practice.support.csv.Csv.Column;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The reports' CSV columns (the format itself: {@code CsvTest} in service-support). */
class CsvFormatTest {

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
