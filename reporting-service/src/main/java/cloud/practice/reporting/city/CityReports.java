package cloud.practice.reporting.city;

import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.config.ReportingSettings.City;
import cloud.practice.reporting.config.ReportingSettings.CityDistrict;
import cloud.practice.reporting.report.FigureRow;
import cloud.practice.reporting.report.FigureTally;
import cloud.practice.reporting.report.Period;
import cloud.practice.reporting.report.ReportEngine;
import cloud.practice.reporting.report.ReportQuery;
import cloud.practice.reporting.report.ReportService;
import cloud.practice.reporting.report.Scope;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A city's reports: each district's figures over its whole tree, side by side, and the city's — the districts'
 * tallies added up and computed as one ({@link FigureTally}), so every city figure is defined exactly as a
 * district's. Districts are read one at a time (one district's facts in the heap at once); a district of the city
 * that has reported nothing yet counts as empty. Access is the caller's business ({@code ReportAccess.requireCity}).
 */
@Service
public class CityReports {

    /** A city as its analysts see it. */
    public record CityView(String cityId, String name, List<DistrictView> districts) {
    }

    /** A district of the city; {@code reporting} false while no event of it has been projected. */
    public record DistrictView(String districtId, String name, boolean reporting) {
    }

    /**
     * One row of a city report: a district's figures ({@code districtId} set, {@code figures.unitId} its center), or
     * the city's ({@code districtId} null, {@code figures.unitId} null), which comes first in each period.
     */
    public record CityFigureRow(String cityId, String districtId, String name, FigureRow figures) {
    }

    private final ReportingSettings settings;
    private final ReportService reports;
    private final ReportEngine engine;

    public CityReports(ReportingSettings settings, ReportService reports, ReportEngine engine) {
        this.settings = settings;
        this.reports = reports;
        this.engine = engine;
    }

    public Optional<CityView> city(String cityId) {
        City city = settings.cities().get(cityId);
        if (city == null) {
            return Optional.empty();
        }
        return Optional.of(new CityView(cityId, city.name(), city.districts().stream()
                .map(d -> new DistrictView(d.id(), d.name(), reports.knowsDistrict(d.id()))).toList()));
    }

    /** Every configured city, by id. */
    public List<CityView> cities() {
        return settings.cities().keySet().stream().sorted().map(this::city).flatMap(Optional::stream).toList();
    }

    /**
     * The figures of the city and of each of its districts for every period, the city's row first in each period.
     *
     * @param filters the query's filters (view, range, platform, menu item, channel); its district is ignored
     */
    public List<CityFigureRow> figures(String cityId, ReportQuery filters, List<Period> periods) {
        City city = settings.cities().get(cityId);
        List<FigureTally> cityTallies = new ArrayList<>();
        periods.forEach(period -> cityTallies.add(FigureTally.empty()));
        List<List<CityFigureRow>> districtRows = new ArrayList<>();
        periods.forEach(period -> districtRows.add(new ArrayList<>()));
        for (CityDistrict district : city.districts()) {
            ReportQuery query = filters.forDistrict(district.id());
            ReportEngine.Tallies tallies = reports.knowsDistrict(district.id())
                    ? engine.tallies(reports.facts(query), query, periods)
                    : new ReportEngine.Tallies(null, periods.stream().map(period -> FigureTally.empty()).toList());
            for (int i = 0; i < periods.size(); i++) {
                FigureTally tally = tallies.periods().get(i);
                cityTallies.set(i, cityTallies.get(i).plus(tally));
                districtRows.get(i).add(new CityFigureRow(cityId, district.id(), district.name(),
                        tally.row(periods.get(i), tallies.unitId(), Scope.SUBTREE, filters.view(), engine.targets())));
            }
        }
        List<CityFigureRow> rows = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            rows.add(new CityFigureRow(cityId, null, city.name(), cityTallies.get(i).row(periods.get(i), null,
                    Scope.SUBTREE, filters.view(), engine.targets())));
            rows.addAll(districtRows.get(i));
        }
        return rows;
    }
}
