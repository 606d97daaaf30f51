package cloud.practice.reporting.city;

import cloud.practice.reporting.city.CityReports.CityFigureRow;
import cloud.practice.reporting.report.FigureRow;
import cloud.practice.reporting.report.ReportColumns;
import cloud.practice.support.csv.Csv.Column;

import java.util.ArrayList;
import java.util.List;

/**
 * The CSV columns of a city's figures: which city and district a row is of (the district empty on the city's own
 * row), then every column of a district's {@code /figures} in the same order. A published contract like
 * {@link ReportColumns}: new columns are only ever appended.
 */
public final class CityColumns {

    public static final List<Column<CityFigureRow>> FIGURES = figures();

    private CityColumns() {
    }

    private static List<Column<CityFigureRow>> figures() {
        List<Column<CityFigureRow>> columns = new ArrayList<>();
        columns.add(new Column<>("city_id", CityFigureRow::cityId));
        columns.add(new Column<>("district_id", CityFigureRow::districtId));
        columns.add(new Column<>("name", CityFigureRow::name));
        for (Column<FigureRow> figure : ReportColumns.FIGURES) {
            columns.add(new Column<>(figure.name(), row -> figure.value().apply(row.figures())));
        }
        return List.copyOf(columns);
    }
}
