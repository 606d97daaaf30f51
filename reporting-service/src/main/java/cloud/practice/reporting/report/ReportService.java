package cloud.practice.reporting.report;

import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.projection.FactStore;
import cloud.practice.reporting.projection.ProjectionRuntime;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.time.ZoneId;

/** Reads the active version's facts of a district and hands them to the engine. */
@Service
public class ReportService {

    private final ProjectionRuntime runtime;
    private final ReportingSettings settings;

    public ReportService(ProjectionRuntime runtime, ReportingSettings settings) {
        this.runtime = runtime;
        this.settings = settings;
    }

    public boolean knowsDistrict(String districtId) {
        return runtime.activeStore().knowsDistrict(districtId);
    }

    /** Every fact of the district. */
    public DistrictFacts facts(String districtId) {
        return DistrictFacts.load(runtime.activeStore(), districtId, settings.zoneOf(districtId));
    }

    /** The facts a report of the days {@code from}..{@code to} reads ({@link DistrictFacts#load(FactStore, String, ZoneId, LocalDate, LocalDate)}). */
    public DistrictFacts facts(String districtId, LocalDate from, LocalDate to) {
        return DistrictFacts.load(runtime.activeStore(), districtId, settings.zoneOf(districtId), from, to);
    }

    /** The facts the query's report reads: its district's, its range's, its filters' ({@link DistrictFacts.Narrowing}). */
    public DistrictFacts facts(ReportQuery query) {
        return DistrictFacts.load(runtime.activeStore(), query.districtId(), settings.zoneOf(query.districtId()),
                query.from(), query.to(), DistrictFacts.Narrowing.of(query));
    }
}
