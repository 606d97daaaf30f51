package cloud.practice.reporting.report;

import cloud.practice.support.csv.Csv.Column;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV columns of each report, named once: these names are a published contract (README lists them; a test
 * keeps the two equal). New columns are only ever appended.
 */
public final class ReportColumns {

    private ReportColumns() {
    }

    public static final List<Column<FigureRow>> FIGURES = figures();

    private static List<Column<FigureRow>> figures() {
        List<Column<FigureRow>> c = new ArrayList<>();
        c.add(new Column<>("period", FigureRow::period));
        c.add(new Column<>("from", FigureRow::from));
        c.add(new Column<>("to", FigureRow::to));
        c.add(new Column<>("unit_id", FigureRow::unitId));
        c.add(new Column<>("scope", FigureRow::scope));
        c.add(new Column<>("view", FigureRow::view));
        for (String tier : ReportEngine.TIERS) {
            for (String status : ReportEngine.UNIT_STATUSES) {
                c.add(new Column<>("units_" + lower(tier) + "_" + lower(status),
                        row -> row.unitsByTierAndStatus().get(tier).get(status)));
            }
        }
        c.add(new Column<>("communities", row -> row.coverage().communities()));
        c.add(new Column<>("communities_covered", row -> row.coverage().covered()));
        c.add(new Column<>("communities_uncovered", row -> row.coverage().uncovered()));
        c.add(new Column<>("coverage_rate", row -> row.coverage().rate()));
        c.add(new Column<>("grids", row -> row.coverage().grids()));
        c.add(new Column<>("grids_covered", row -> row.coverage().gridsCovered()));
        c.add(new Column<>("grids_uncovered", row -> row.coverage().gridsUncovered()));
        c.add(new Column<>("grid_coverage_rate", row -> row.coverage().gridRate()));
        c.add(new Column<>("volunteers_registered", row -> row.volunteers().registered()));
        c.add(new Column<>("volunteers_active", row -> row.volunteers().active()));
        for (int star = 0; star <= ReportEngine.MAX_STARS; star++) {
            String key = Integer.toString(star);
            c.add(new Column<>("volunteers_stars_" + star, row -> row.volunteers().byStars().get(key)));
        }
        for (String platform : ReportEngine.platforms()) {
            c.add(new Column<>("volunteers_skill_" + lower(platform), row -> row.volunteers().bySkill().get(platform)));
        }
        c.add(new Column<>("teams_active", row -> row.volunteers().teams()));
        c.add(new Column<>("requests_submitted", row -> row.requests().submitted()));
        for (String status : ReportEngine.REQUEST_STATUSES) {
            c.add(new Column<>("requests_status_" + lower(status), row -> row.requests().byStatus().get(status)));
        }
        for (String platform : ReportEngine.platforms()) {
            c.add(new Column<>("requests_platform_" + lower(platform), row -> row.requests().byPlatform().get(platform)));
        }
        for (String channel : ReportEngine.channels()) {
            c.add(new Column<>("requests_channel_" + lower(channel), row -> row.requests().byChannel().get(channel)));
        }
        for (String stage : ReportEngine.STAGES) {
            c.add(new Column<>(stage + "_count", row -> row.stages().get(stage).count()));
            c.add(new Column<>(stage + "_p50_minutes", row -> row.stages().get(stage).p50Minutes()));
            c.add(new Column<>(stage + "_p90_minutes", row -> row.stages().get(stage).p90Minutes()));
            c.add(new Column<>(stage + "_sla_rate", row -> row.stages().get(stage).slaRate()));
        }
        c.add(new Column<>("total_p50_minutes", row -> row.total().p50Minutes()));
        c.add(new Column<>("total_p90_minutes", row -> row.total().p90Minutes()));
        c.add(new Column<>("sla_compliance", FigureRow::slaCompliance));
        c.add(new Column<>("escalations", FigureRow::escalations));
        c.add(new Column<>("escalated_requests", FigureRow::escalatedRequests));
        c.add(new Column<>("completion_rate", FigureRow::completionRate));
        c.add(new Column<>("ratings", row -> row.satisfaction().rated()));
        c.add(new Column<>("average_rating", row -> row.satisfaction().averageRating()));
        c.add(new Column<>("share_rating_4_5", row -> row.satisfaction().share4to5()));
        c.add(new Column<>("reopen_rate", row -> row.satisfaction().reopenRate()));
        c.add(new Column<>("credit_hours", row -> row.hours().credit()));
        c.add(new Column<>("honour_hours", row -> row.hours().honour()));
        c.add(new Column<>("activities_published", row -> row.activities().published()));
        c.add(new Column<>("activities_held", row -> row.activities().held()));
        c.add(new Column<>("attendance_volunteers", row -> row.activities().volunteersAttended()));
        c.add(new Column<>("attendance_residents", row -> row.activities().residentsAttended()));
        c.add(new Column<>("pairings_active", row -> row.pairings().active()));
        c.add(new Column<>("pairings_healthy", row -> row.pairings().healthy()));
        c.add(new Column<>("pairing_health", row -> row.pairings().health()));
        c.add(new Column<>("location_flags", FigureRow::locationFlags)); // appended: columns keep their places
        return List.copyOf(c);
    }

    public static final List<Column<ReportEngine.DemandRow>> DEMAND = List.of(
            new Column<>("period", ReportEngine.DemandRow::period),
            new Column<>("from", ReportEngine.DemandRow::from),
            new Column<>("to", ReportEngine.DemandRow::to),
            new Column<>("grid", ReportEngine.DemandRow::grid),
            new Column<>("platform", ReportEngine.DemandRow::platform),
            new Column<>("requests", ReportEngine.DemandRow::requests),
            new Column<>("open", ReportEngine.DemandRow::open),
            new Column<>("rejected", ReportEngine.DemandRow::rejected),
            new Column<>("expired", ReportEngine.DemandRow::expired),
            new Column<>("no_match_found", ReportEngine.DemandRow::noMatchFound),
            new Column<>("supply_volunteers", ReportEngine.DemandRow::supply));

    public static final List<Column<ReportEngine.VolunteerHours>> TOP_VOLUNTEERS = List.of(
            new Column<>("volunteer_id", ReportEngine.VolunteerHours::volunteerId),
            new Column<>("name", ReportEngine.VolunteerHours::name),
            new Column<>("home_unit_id", ReportEngine.VolunteerHours::homeUnitId),
            new Column<>("hours", ReportEngine.VolunteerHours::hours));

    public static final List<Column<ReportEngine.UnitCompletion>> TOP_UNITS = List.of(
            new Column<>("unit_id", ReportEngine.UnitCompletion::unitId),
            new Column<>("name", ReportEngine.UnitCompletion::name),
            new Column<>("tier", ReportEngine.UnitCompletion::tier),
            new Column<>("submitted", ReportEngine.UnitCompletion::submitted),
            new Column<>("completed", ReportEngine.UnitCompletion::completed),
            new Column<>("completion_rate", ReportEngine.UnitCompletion::completionRate));

    public static final List<Column<ReportEngine.UnitOverview>> UNITS = List.of(
            new Column<>("unit_id", ReportEngine.UnitOverview::unitId),
            new Column<>("code", ReportEngine.UnitOverview::code),
            new Column<>("name", ReportEngine.UnitOverview::name),
            new Column<>("tier", ReportEngine.UnitOverview::tier),
            new Column<>("parent_id", ReportEngine.UnitOverview::parentId),
            new Column<>("status", ReportEngine.UnitOverview::status),
            new Column<>("latitude", ReportEngine.UnitOverview::latitude),
            new Column<>("longitude", ReportEngine.UnitOverview::longitude),
            new Column<>("requests_submitted", ReportEngine.UnitOverview::submitted),
            new Column<>("requests_open", ReportEngine.UnitOverview::open),
            new Column<>("requests_completed", ReportEngine.UnitOverview::completed),
            new Column<>("completion_rate", ReportEngine.UnitOverview::completionRate),
            new Column<>("requests_escalated", ReportEngine.UnitOverview::escalated),
            new Column<>("rated", ReportEngine.UnitOverview::rated),
            new Column<>("average_rating", ReportEngine.UnitOverview::averageRating),
            new Column<>("volunteers_active", ReportEngine.UnitOverview::activeVolunteers));

    public static final List<Column<ReportEngine.OpenRequestPoint>> OPEN_REQUESTS = List.of(
            new Column<>("request_id", ReportEngine.OpenRequestPoint::requestId),
            new Column<>("unit_id", ReportEngine.OpenRequestPoint::unitId),
            new Column<>("platform", ReportEngine.OpenRequestPoint::platform),
            new Column<>("status", ReportEngine.OpenRequestPoint::status),
            new Column<>("submitted_on", ReportEngine.OpenRequestPoint::submittedOn),
            new Column<>("latitude", ReportEngine.OpenRequestPoint::latitude),
            new Column<>("longitude", ReportEngine.OpenRequestPoint::longitude));

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
