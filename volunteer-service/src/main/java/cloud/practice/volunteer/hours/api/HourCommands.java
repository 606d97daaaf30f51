package cloud.practice.volunteer.hours.api;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.HourSource;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Commands of the service-hour ledger (one per volunteer) and of a district's star scheme. Commands that change a
 * volunteer's total carry the district's star thresholds in force (hours for 1-5 stars).
 */
public final class HourCommands {

    private HourCommands() {
    }

    /** The ledger of a volunteer is an aggregate of its own; its events are keyed by this id on Kafka. */
    public static String ledgerId(String volunteerId) {
        return "hours-" + volunteerId;
    }

    public static String schemeId(String districtId) {
        return "stars-" + districtId;
    }

    /** One credit per session: the source, the volunteer and when they checked in. Redelivery finds the same id. */
    public static String creditId(HourSource source, String sourceId, String volunteerId, Instant checkedInAt) {
        return source.name().toLowerCase(Locale.ROOT) + ":" + sourceId + ":" + volunteerId + ":"
                + checkedInAt.toEpochMilli();
    }

    /**
     * A check-in/check-out fact from request-service.
     *
     * @param scheduledStart the activity's published start, if known: time before it is travel or waiting
     * @param plannedMinutes the activity's or request's planned duration: the cap (0 or less: no cap)
     */
    public record CreditServiceHoursCommand(@TargetAggregateIdentifier String ledgerId, String districtId,
                                            String volunteerId, String creditId, HourSource source, String sourceId,
                                            String unitId, ServicePlatform platform, Instant checkedInAt,
                                            Instant checkedOutAt, int plannedMinutes, Instant scheduledStart,
                                            List<Integer> starThresholds) {
    }

    public record GrantHonourHoursCommand(@TargetAggregateIdentifier String ledgerId, String districtId,
                                          String volunteerId, String grantId, int halfHours, String reason,
                                          String reference, String grantedBy, List<Integer> starThresholds) {
    }

    public record RevokeHonourHoursCommand(@TargetAggregateIdentifier String ledgerId, String districtId,
                                           String grantId, String reason, String revokedBy,
                                           List<Integer> starThresholds) {
    }

    /** Hours for 1, 2, 3, 4 and 5 stars, strictly increasing. */
    public record ConfigureStarThresholdsCommand(@TargetAggregateIdentifier String schemeId, String districtId,
                                                 List<Integer> thresholds, String changedBy) {
    }
}
