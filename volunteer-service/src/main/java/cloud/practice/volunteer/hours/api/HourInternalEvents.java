package cloud.practice.volunteer.hours.api;

import java.time.Instant;
import java.util.List;

/** Events of the hour ledger kept inside volunteer-service (never published). */
public final class HourInternalEvents {

    private HourInternalEvents() {
    }

    /**
     * How a session became its credited half-hours, for the audit and the service record: of the session's minutes,
     * those before the activity's start (travel, waiting), those overlapping sessions already credited, those above
     * the planned duration and the remainder under a half hour were not counted. {@code windowFrom}/{@code windowTo}
     * is the time that counts as served from now on (later sessions overlapping it are flagged); null when none.
     */
    public record CreditBreakdownRecorded(String volunteerId, String districtId, String creditId, int sessionMinutes,
                                          int beforeStartMinutes, int overlapMinutes, int overCapMinutes,
                                          int roundedOffMinutes, int countedMinutes, Instant windowFrom,
                                          Instant windowTo) {
    }

    /** A district's hours for 1-5 stars; applies from the next change of each volunteer's total. */
    public record StarThresholdsConfigured(String districtId, List<Integer> thresholds, String changedBy,
                                           Instant changedAt) {
    }
}
