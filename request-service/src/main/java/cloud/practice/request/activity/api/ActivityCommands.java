package cloud.practice.request.activity.api;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands of practice activities (文明实践活动): publish, sign up within capacity, attend, close. */
public final class ActivityCommands {

    private ActivityCommands() {
    }

    public enum Role { VOLUNTEER, RESIDENT }

    public record PublishActivityCommand(@TargetAggregateIdentifier String activityId, String districtId,
                                         String unitId, ServicePlatform platform, String title, String place,
                                         GeoPoint location, Instant startsAt, Instant endsAt, int volunteerCapacity,
                                         int residentCapacity, Instant signUpOpens, Instant signUpCloses,
                                         String pairingId) {
    }

    public record SignUpCommand(@TargetAggregateIdentifier String activityId, String participantId, Role role) {
    }

    public record CancelSignUpCommand(@TargetAggregateIdentifier String activityId, String participantId) {
    }

    public record CheckInActivityCommand(@TargetAggregateIdentifier String activityId, String participantId,
                                         Instant at) {
    }

    public record CheckOutActivityCommand(@TargetAggregateIdentifier String activityId, String volunteerId,
                                          Instant at) {
    }

    public record CloseActivityCommand(@TargetAggregateIdentifier String activityId, String summary) {
    }

    /** Attendance of one participant (internal: only volunteers' check-outs are published, for hours). */
    public record ActivityCheckedIn(String activityId, String districtId, String participantId, Role role,
                                    Instant at) {
    }
}
