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

    /** How a check-in was made: the participant scanned the activity's code, or staff checked them in by hand. */
    public enum CheckInMethod { QR_CODE, STAFF }

    /** Staff check a participant in by hand, with an optional reason (trimmed, at most 200 characters, or null). */
    public record CheckInActivityCommand(@TargetAggregateIdentifier String activityId, String participantId,
                                         Instant at, String reason) {
    }

    /**
     * A person scanned the activity's check-in code (already verified): checked in, or — a volunteer already in —
     * checked out. Their place is found as {@code RequestAccess.participate} recognises "self": a volunteer's place
     * by {@code volunteerId} (the token's volunteer claim; null for residents), else a resident's by
     * {@code accountId}. At the server's clock as the aggregate reads it. Answers {@link SelfCheckIn}.
     */
    public record SelfCheckInCommand(@TargetAggregateIdentifier String activityId, String volunteerId,
                                     String accountId) {
    }

    public enum SelfCheckInAction { CHECKED_IN, CHECKED_OUT }

    public record SelfCheckIn(String participantId, Role role, SelfCheckInAction action, Instant at) {
    }

    public record CheckOutActivityCommand(@TargetAggregateIdentifier String activityId, String volunteerId,
                                          Instant at) {
    }

    public record CloseActivityCommand(@TargetAggregateIdentifier String activityId, String summary) {
    }

    /**
     * Attaches a stored photo of the activity as evidence (issue 27; stage CLOSE): by its managers (access checked
     * before), from its start until {@link #WINDOW} after it closed, at most {@link #MAX_PHOTOS}.
     */
    public record AttachActivityEvidenceCommand(@TargetAggregateIdentifier String activityId, String evidenceId,
                                                String uploadedBy, String contentType, long bytes, int width,
                                                int height) {

        public static final int MAX_PHOTOS = 9;
        public static final java.time.Duration WINDOW = java.time.Duration.ofDays(7);
    }
}
