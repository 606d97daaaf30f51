package cloud.practice.reporting.web;

import cloud.practice.reporting.access.ReportAccess;
import cloud.practice.reporting.city.CityColumns;
import cloud.practice.reporting.city.CityReports;
import cloud.practice.reporting.city.CityReports.CityView;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.report.Period;
import cloud.practice.reporting.report.ReportQuery;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.ApiFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The city level (issue 25): a city (or province, {@code practice.reporting.cities}) groups districts; its analysts
 * see them side by side and rolled up with the same figures as a district's {@code /figures}, and read each
 * district's own reports as a district-wide analyst (no volunteers' names). Districts never see each other, nor
 * the city.
 */
@RestController
@RequestMapping("/api/v1/reports/cities")
@Tag(name = "cities", description = "A city's districts side by side and rolled up (city analysts, platform clients)")
public class CityReportController {

    /** The filters a city report takes: a district's but for district, unit and scope (always whole districts). */
    static final Set<String> FILTERS = Set.of("view", "from", "to", "granularity", "platform", "menuItem", "channel",
            "page", "size", "format");

    /** The filters of a city's reports, for the API documents ({@link ReportFilters} reads and checks them). */
    public record CityParameters(
            @Schema(description = "now or then, as for a district's reports", allowableValues = {"now", "then"})
            String view,
            @Schema(description = "First day (yyyy-MM-dd, in each district's zone); default: 29 days before 'to'")
            String from,
            @Schema(description = "Last day, inclusive (yyyy-MM-dd); default: today") String to,
            @Schema(description = "Period length (figures only); default month",
                    allowableValues = {"day", "week", "month", "year"}) String granularity,
            @Schema(description = "Only this service platform (e.g. care)") String platform,
            @Schema(description = "Only this menu item id") String menuItem,
            @Schema(description = "Only this channel") String channel,
            @Schema(description = "Page, from 0") String page,
            @Schema(description = "Rows per page, 1..max-page-size (default 100)") String size,
            @Schema(description = "json (default) or csv", allowableValues = {"json", "csv"}) String format) {
    }

    private final CityReports cities;
    private final ReportAccess access;
    private final ReportingSettings settings;
    private final Clock clock;

    public CityReportController(CityReports cities, ReportAccess access, ReportingSettings settings, Clock clock) {
        this.cities = cities;
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The cities the caller reads, each with its districts",
            description = "A city analyst: their own city; a platform-wide machine client: every city. Anyone else: 403.")
    public List<CityView> list(HttpServletRequest request) {
        return access.readableCity(request).map(city -> cities.city(city).stream().toList())
                .orElseGet(cities::cities);
    }

    @GetMapping(value = "/{city}/figures", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "Every figure of the city and of each of its districts, per period",
            description = "In each period the city's row comes first (district_id empty), then each district's "
                    + "(its whole tree, unit_id its center), in the city's order. The city's figures are its "
                    + "districts' counts added up and computed as one: rates of the sums, percentiles over all its "
                    + "requests. CSV: city_id, district_id, name, then a district's /figures columns.")
    public ResponseEntity<?> figures(@PathVariable String city, @ParameterObject
                                     CityParameters parameters, HttpServletRequest request,
                                     @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ReportFilters filters = filters(city, request, FILTERS);
        ReportQuery query = filters.query(null, settings.defaultZone());
        return ReportAnswers.answer(filters, accept, cities.figures(city, query,
                Period.cover(query.from(), query.to(), query.granularity())), CityColumns.FIGURES, "city-figures");
    }

    @GetMapping(value = "/{city}/districts", produces = {MediaType.APPLICATION_JSON_VALUE, "text/csv"})
    @Operation(summary = "The city and its districts side by side over the whole range (one row each)",
            description = "As /figures with a single period from 'from' to 'to' (its label 'from/to'); the city's "
                    + "row first.")
    public ResponseEntity<?> districts(@PathVariable String city, @ParameterObject
                                       CityParameters parameters, HttpServletRequest request,
                                       @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Set<String> allowed = new HashSet<>(FILTERS);
        allowed.remove("granularity");
        ReportFilters filters = filters(city, request, allowed);
        ReportQuery query = filters.query(null, settings.defaultZone());
        Period range = new Period(query.from() + "/" + query.to(), query.from(), query.to());
        return ReportAnswers.answer(filters, accept, cities.figures(city, query, List.of(range)), CityColumns.FIGURES,
                "city-districts");
    }

    /** Checks in the order every report does: parameters, then access (403 whether the city exists or not), then 404. */
    private ReportFilters filters(String city, HttpServletRequest request, Set<String> allowed) {
        ReportFilters filters = new ReportFilters(request.getParameterMap(), settings, clock);
        filters.allowOnly(allowed);
        if (!city.matches(ApiFormats.DISTRICT)) {
            throw ApiException.badRequest("city", "'city' must match " + ApiFormats.DISTRICT);
        }
        filters.query(null, settings.defaultZone());
        filters.page();
        filters.size();
        access.requireCity(request, city);
        if (!settings.cities().containsKey(city)) {
            throw ApiException.notFound("city", city);
        }
        return filters;
    }
}
