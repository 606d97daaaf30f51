package cloud.practice.reporting.report;

import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.projection.ProjectionRuntime;
import org.springframework.stereotype.Service;

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

    public DistrictFacts facts(String districtId) {
        return DistrictFacts.load(runtime.activeStore(), districtId, settings.zoneOf(districtId));
    }
}
