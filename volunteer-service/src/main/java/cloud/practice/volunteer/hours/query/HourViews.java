package cloud.practice.volunteer.hours.query;

import cloud.practice.events.ServicePlatform;
import cloud.practice.volunteer.hours.query.HourDocuments.Breakdown;
import cloud.practice.volunteer.hours.query.HourDocuments.EntryDocument;
import cloud.practice.volunteer.hours.query.HourDocuments.Kind;
import cloud.practice.volunteer.hours.query.HourDocuments.StarChange;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** What the hour API answers. Hours are decimals in half-hour steps; {@code halfHours} is the exact integer. */
public final class HourViews {

    private HourViews() {
    }

    public static double hours(int halfHours) {
        return halfHours / 2.0;
    }

    /** A volunteer's totals, stars and the next threshold (null at five stars). */
    public record LedgerView(String volunteerId, String districtId, double creditHours, double honourHours,
                             double totalHours, int totalHalfHours, int stars, Integer nextStarAtHours,
                             List<Integer> thresholds, List<StarChange> starHistory, Instant lastServedAt,
                             long version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntryView(String entryId, Kind kind, String source, String sourceId, String unitId,
                            ServicePlatform platform, double hours, int halfHours, String date, Instant servedFrom,
                            Instant servedTo, Boolean overlapFlagged, Breakdown breakdown, String reason,
                            String reference, String grantedBy, Instant grantedAt, Boolean revoked, String revokedBy,
                            Instant revokedAt, String revocationReason) {

        static EntryView of(EntryDocument entry) {
            boolean credit = entry.kind == Kind.CREDIT;
            return new EntryView(entry.entryId, entry.kind, entry.source, entry.sourceId, entry.unitId, entry.platform,
                    HourViews.hours(entry.halfHours), entry.halfHours, entry.date, entry.servedFrom, entry.servedTo,
                    credit ? entry.overlapFlagged : null, entry.breakdown, entry.reason, entry.reference,
                    entry.grantedBy, entry.grantedAt, credit ? null : entry.revoked, entry.revokedBy, entry.revokedAt,
                    entry.revocationReason);
        }
    }

    public record Totals(double creditHours, double honourHours, double totalHours, int totalHalfHours) {
        static Totals of(int creditHalfHours, int honourHalfHours) {
            return new Totals(HourViews.hours(creditHalfHours), HourViews.hours(honourHalfHours),
                    HourViews.hours(creditHalfHours + honourHalfHours),
                    creditHalfHours + honourHalfHours);
        }
    }

    /** Hours of one period (a day, month or year in the district's zone), one platform or one source. */
    public record Bucket(String key, double creditHours, double honourHours, double totalHours, int entries) {
    }

    /** The basis of a service-record certificate (exportable as JSON or CSV). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServiceRecord(String volunteerId, String districtId, String maskedName, boolean erased,
                                LocalDate from, LocalDate to, String period, int stars, Totals totals,
                                List<Bucket> byPeriod, List<Bucket> byPlatform, List<Bucket> bySource,
                                List<EntryView> served, List<EntryView> honour, Instant generatedAt) {
    }

    /** Hours of a district (or of the units in an admin's scope), whoever served them — erased volunteers too. */
    public record HourTotals(String districtId, String scopeUnitId, LocalDate from, LocalDate to, String period,
                             long volunteers, Totals totals, List<Bucket> byPeriod, List<Bucket> byPlatform,
                             List<Bucket> bySource) {
    }
}
