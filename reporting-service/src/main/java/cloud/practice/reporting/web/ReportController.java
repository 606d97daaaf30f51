package cloud.practice.reporting.web;

import cloud.practice.reporting.access.ReportAccess;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.report.AttributionTree;
import cloud.practice.reporting.report.DistrictFacts;
import cloud.practice.reporting.report.FigureRow;
import cloud.practice.reporting.report.ReportColumns;
import cloud.practice.reporting.report.ReportEngine;
import cloud.practice.reporting.report.ReportQuery;
import cloud.practice.reporting.report.ReportService;
import cloud.practice.reporting.report.TreeView;
import cloud.practice.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RestController
@RequestMapping("/api/v1/reports")
@Tag(name = "reports", description = "District-wide figures rolled up along the tree, now and as it was; JSON or CSV")
public class ReportController {

    private final ReportService reports;
    private final ReportEngine engine;
    private final ReportAccess access;
    private final ReportingSettings settings;
    private final Clock clock;

    public ReportController(ReportService reports, ReportEngine engine, ReportAccess access,
                            ReportingSettings settings, Clock clock) {
        this.reports = reports;
        this.engine = engine;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    /** A checked query with the facts it runs on and what the caller may see. */
    private record Prepared(ReportFilters filters, ReportQuery query, DistrictFacts facts,
                            ReportAccess.Visibility visibility) {
    }

    private Prepared prepare(HttpServletRequest request, Set<String> extra) {
        ReportFilters filters = new ReportFilters(request.getParameterMap(), settings, clock);
        Set<String> allowed = new HashSet<>(ReportFilters.COMMON);
        allowed.addAll(extra);
        filters.allowOnly(allowed);
        String district = filters.district();
        ReportQuery query = filters.query(district);
        filters.page(); // paging refused before any work, not after the report is computed
        filters.size();
        // Access first: a district the caller may not read answers 403 whether it exists or not.
        ReportAccess.Visibility visibility = access.of(request, district);
        if (!reports.knowsDistrict(district)) {
            throw ApiException.notFound("district", district);
        }
        // Only the range's dated facts (requests, credits, honour hours, activities), narrowed by the query's filters
        // in the store: a report costs its range and its filters.
        DistrictFacts facts = reports.facts(query);
        AttributionTree now = new AttributionTree(facts.units(), TreeView.NOW);
        LocalDate today = LocalDate.now(clock.withZone(settings.zoneOf(district)));
        String unit = access.requireWithin(visibility, now, query.unitId(), today);
        if (unit != null && now.unit(unit).isEmpty()) {
            throw ApiException.notFound("unit", unit);
        }
        return new Prepared(filters, query.withUnit(unit, query.scope()), facts, visibility);
    }

    @GetMapping(value = "/figures", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Every figure of a unit (alone or with its subtree) per period",
            description = "Requests count in the period they were submitted in, with all their later stages. "
                    + "CSV columns: see the service README (stable, only ever appended).")
    public ResponseEntity<?> figures(@ParameterObject ReportParameters parameters, HttpServletRequest request,
                                     @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Prepared prepared = prepare(request, Set.of());
        List<FigureRow> rows = engine.figures(prepared.facts(), prepared.query());
        return ReportAnswers.answer(prepared.filters(), accept, rows, ReportColumns.FIGURES, "figures");
    }

    @GetMapping(value = "/unmet-demand", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Open, rejected and expired requests by grid × platform × period, next to the supply",
            description = "Supply: active volunteers with the platform's skill within practice.reporting."
                    + "supply-radius-km of the grid's requests (or homed at its responsible units).")
    public ResponseEntity<?> unmetDemand(@ParameterObject ReportParameters parameters, HttpServletRequest request,
                                         @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Prepared prepared = prepare(request, Set.of());
        return ReportAnswers.answer(prepared.filters(), accept, engine.unmetDemand(prepared.facts(), prepared.query()),
                ReportColumns.DEMAND, "unmet-demand");
    }

    @GetMapping(value = "/units", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "The unit's subtree as it stood on 'to' (tree now or then), each unit with its subtree's "
            + "key figures over the range and its coordinates",
            description = "Parents before children. Requests are attributed as in /figures with scope subtree.")
    public ResponseEntity<?> units(@ParameterObject ReportParameters parameters, HttpServletRequest request,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Prepared prepared = prepare(request, Set.of());
        return ReportAnswers.answer(prepared.filters(), accept, engine.units(prepared.facts(), prepared.query()),
                ReportColumns.UNITS, "units");
    }

    @GetMapping(value = "/open-requests", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Open requests submitted in the range, for a map",
            description = "Coordinates rounded to three decimals (about 100 m); no resident data.")
    public ResponseEntity<?> openRequests(@ParameterObject ReportParameters parameters, HttpServletRequest request,
                                          @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Prepared prepared = prepare(request, Set.of());
        return ReportAnswers.answer(prepared.filters(), accept, engine.openRequests(prepared.facts(), prepared.query()),
                ReportColumns.OPEN_REQUESTS, "open-requests");
    }

    @GetMapping(value = "/top/volunteers", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Volunteers by service hours (credit + honour) in the range",
            description = "Names are the masked names volunteer-service publishes, and only for callers allowed "
                    + "to see them; otherwise name and id are left out. Extra parameter: limit (1..100, default 10).")
    public ResponseEntity<?> topVolunteers(@ParameterObject ReportParameters parameters, HttpServletRequest request,
                                           @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Prepared prepared = prepare(request, Set.of("limit"));
        List<ReportEngine.VolunteerHours> top = engine.topVolunteers(prepared.facts(), prepared.query(),
                prepared.filters().limit());
        if (!prepared.visibility().namesVisible()) {
            top = top.stream().map(v -> new ReportEngine.VolunteerHours(null, null, v.homeUnitId(), v.hours()))
                    .toList();
        }
        return ReportAnswers.answer(prepared.filters(), accept, top, ReportColumns.TOP_VOLUNTEERS, "top-volunteers");
    }

    @GetMapping(value = "/top/units", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Units of a tier by completion rate of the requests submitted in the range",
            description = "Extra parameters: tier (default station), limit (1..100, default 10).")
    public ResponseEntity<?> topUnits(@ParameterObject ReportParameters parameters, HttpServletRequest request,
                                      @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Prepared prepared = prepare(request, Set.of("limit", "tier"));
        return ReportAnswers.answer(prepared.filters(), accept, engine.topUnits(prepared.facts(), prepared.query(),
                prepared.filters().tier(), prepared.filters().limit()), ReportColumns.TOP_UNITS, "top-units");
    }

    @GetMapping(value = "/assessment", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The assessment pack of a district (or subtree) over the range, with links to its figures")
    public ReportEngine.Assessment assessment(@ParameterObject ReportParameters parameters,
                                              HttpServletRequest request) {
        Prepared prepared = prepare(request, Set.of());
        return engine.assessment(prepared.facts(), prepared.query());
    }
}
