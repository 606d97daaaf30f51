package cloud.practice.reporting.web;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The filters every report takes, for the API documents; {@link ReportFilters} reads and checks them. All optional
 * but {@code district}.
 */
public record ReportParameters(
        @Schema(description = "District (tenant) id", example = "cq-jiulongpo", requiredMode = Schema.RequiredMode.REQUIRED)
        String district,
        @Schema(description = "Unit reported on; default: the district's center") String unit,
        @Schema(description = "unit (the unit alone) or subtree (default: the unit and all below it)",
                allowableValues = {"unit", "subtree"}) String scope,
        @Schema(description = "now: the tree as it is today; then: the tree as it was on each figure's date "
                + "(default from practice.reporting.default-view)", allowableValues = {"now", "then"}) String view,
        @Schema(description = "First day (yyyy-MM-dd, in the district's zone); default: 29 days before 'to'")
        String from,
        @Schema(description = "Last day, inclusive (yyyy-MM-dd); default: today in the district's zone") String to,
        @Schema(description = "Period length; default month", allowableValues = {"day", "week", "month", "year"})
        String granularity,
        @Schema(description = "Only this service platform (e.g. care)") String platform,
        @Schema(description = "Only this menu item id") String menuItem,
        @Schema(description = "Only this channel (app, pc, tv, kiosk, phone, grid_worker, integration)") String channel,
        @Schema(description = "Page, from 0") String page,
        @Schema(description = "Rows per page, 1..max-page-size (default 100)") String size,
        @Schema(description = "json (default) or csv; Accept: text/csv works too", allowableValues = {"json", "csv"})
        String format) {
}
