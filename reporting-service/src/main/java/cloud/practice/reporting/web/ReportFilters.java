package cloud.practice.reporting.web;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.reporting.config.ReportingSettings;
import cloud.practice.reporting.report.Granularity;
import cloud.practice.reporting.report.Period;
import cloud.practice.reporting.report.ReportQuery;
import cloud.practice.reporting.report.Scope;
import cloud.practice.reporting.report.TreeView;
import cloud.practice.support.web.ApiException;
import cloud.practice.support.web.ApiFormats;
import cloud.practice.support.web.District;
import cloud.practice.support.web.Page;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns query parameters into a {@link ReportQuery}, refusing every bad filter with a 400 problem naming the field:
 * unknown parameters (a typo must not silently widen a report), malformed ids, unknown enum values, dates that are
 * not {@code yyyy-MM-dd}, ranges backwards or longer than {@code max-periods}, pages out of bounds.
 */
final class ReportFilters {

    static final Set<String> COMMON = Set.of("district", "unit", "scope", "view", "from", "to", "granularity",
            "platform", "menuItem", "channel", "page", "size", "format");

    private final Map<String, String[]> parameters;
    private final ReportingSettings settings;
    private final Clock clock;

    ReportFilters(Map<String, String[]> parameters, ReportingSettings settings, Clock clock) {
        this.parameters = parameters;
        this.settings = settings;
        this.clock = clock;
    }

    void allowOnly(Set<String> allowed) {
        for (String name : parameters.keySet()) {
            if (!allowed.contains(name)) {
                throw ApiException.badRequest(name, "Unknown parameter '" + name + "'; allowed: "
                        + allowed.stream().sorted().toList());
            }
        }
        parameters.forEach((name, values) -> {
            if (values.length > 1) {
                throw ApiException.badRequest(name, "Parameter '" + name + "' is given more than once");
            }
        });
    }

    String district() {
        return District.of(text("district")).id();
    }

    ReportQuery query(String district) {
        return query(district, settings.zoneOf(district));
    }

    /** The filters as a query; {@code zone} places today, the default end of the range. */
    ReportQuery query(String district, ZoneId zone) {
        String unit = id("unit");
        Scope scope = choice("scope", Scope.class, Scope.SUBTREE);
        TreeView view = choice("view", TreeView.class, settings.defaultView());
        Granularity granularity = choice("granularity", Granularity.class, Granularity.MONTH);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate to = date("to", today);
        LocalDate from = date("from", to.minusDays(29));
        if (from.isAfter(to)) {
            throw ApiException.badRequest("from", "'from' (" + from + ") lies after 'to' (" + to + ")");
        }
        if (Period.count(from, to, granularity) > settings.maxPeriods()) {
            throw ApiException.badRequest("granularity", "The range " + from + ".." + to + " makes more than "
                    + settings.maxPeriods() + " " + granularity.name().toLowerCase(Locale.ROOT)
                    + " periods; use a coarser granularity or a shorter range");
        }
        ServicePlatform platform = choice("platform", ServicePlatform.class, null);
        Channel channel = choice("channel", Channel.class, null);
        return new ReportQuery(district, unit, scope, view, from, to, granularity,
                platform == null ? null : platform.name(), id("menuItem"), channel == null ? null : channel.name());
    }

    int page() {
        int page = integer("page", 0);
        if (page < 0 || page > Page.MAX_PAGE) {
            throw ApiException.badRequest("page", "'page' must be between 0 and " + Page.MAX_PAGE);
        }
        return page;
    }

    int size() {
        int size = integer("size", 100);
        if (size < 1 || size > settings.maxPageSize()) {
            throw ApiException.badRequest("size", "'size' must be between 1 and " + settings.maxPageSize());
        }
        return size;
    }

    int limit() {
        int limit = integer("limit", 10);
        if (limit < 1 || limit > 100) {
            throw ApiException.badRequest("limit", "'limit' must be between 1 and 100");
        }
        return limit;
    }

    String tier() {
        String tier = text("tier");
        if (tier == null) {
            return "STATION";
        }
        String normal = tier.toUpperCase(Locale.ROOT).replace('-', '_');
        if (!Set.of("CENTER", "SUB_CENTER", "INSTITUTE", "STATION", "POINT").contains(normal)) {
            throw ApiException.badRequest("tier", "'tier' must be one of center, sub_center, institute, station, "
                    + "point, not '" + tier + "'");
        }
        return normal;
    }

    /** csv when asked by {@code format=csv} or by an Accept header preferring text/csv. */
    boolean csv(String accept) {
        String format = text("format");
        if (format != null) {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ApiException.badRequest("format", "'format' must be json or csv, not '" + format + "'");
            };
        }
        return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
    }

    private String text(String name) {
        String[] values = parameters.get(name);
        if (values == null || values.length == 0 || values[0] == null || values[0].isBlank()) {
            return null;
        }
        if (values[0].length() > 200) {
            throw ApiException.badRequest(name, "'" + name + "' is longer than 200 characters");
        }
        return values[0].strip();
    }

    private String id(String name) {
        String value = text(name);
        if (value != null && !value.matches(ApiFormats.ID)) {
            throw ApiException.badRequest(name, "'" + name + "' must match " + ApiFormats.ID);
        }
        return value;
    }

    private int integer(String name, int fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name, "'" + name + "' must be a whole number, not '" + value + "'");
        }
    }

    private LocalDate date(String name, LocalDate fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        try {
            if (!value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                throw new DateTimeParseException("not yyyy-MM-dd", value, 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name, "'" + name + "' must be a date yyyy-MM-dd (a day in the district's "
                    + "zone), not '" + value + "'");
        }
    }

    private <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
        String value = text(name);
        if (value == null) {
            return fallback;
        }
        String normal = value.toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(normal)).findFirst()
                .orElseThrow(() -> ApiException.badRequest(name, "'" + name + "' must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList()
                        + ", not '" + value + "'"));
    }
}
