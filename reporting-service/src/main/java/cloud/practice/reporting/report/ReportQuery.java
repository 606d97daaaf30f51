package cloud.practice.reporting.report;

import java.time.LocalDate;

/**
 * A validated report filter (see {@code ReportFilters} in the web layer for the checks).
 *
 * @param unitId    the unit reported on; null = the district's center
 * @param platform  only requests, hours and activities of this platform (null = all)
 * @param menuItem  only requests of this menu item
 * @param channel   only requests that came in through this channel
 */
public record ReportQuery(String districtId, String unitId, Scope scope, TreeView view, LocalDate from, LocalDate to,
                          Granularity granularity, String platform, String menuItem, String channel) {

    public ReportQuery withUnit(String unit, Scope newScope) {
        return new ReportQuery(districtId, unit, newScope, view, from, to, granularity, platform, menuItem, channel);
    }

    /** The same filters on another district, over its whole tree (a city's district). */
    public ReportQuery forDistrict(String district) {
        return new ReportQuery(district, null, Scope.SUBTREE, view, from, to, granularity, platform, menuItem, channel);
    }
}
