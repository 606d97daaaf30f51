package cloud.practice.request.activity.api;

import cloud.practice.request.activity.api.ActivityCommands.CheckInMethod;
import cloud.practice.request.activity.api.ActivityCommands.Role;

import java.time.Instant;

/**
 * Events of practice activities that request-service keeps to itself (never published: only volunteers' check-outs
 * leave, for hours). Moved here from {@code ActivityCommands}: {@code config.MovedInternalEvents} reads the events
 * stored under the old names (ADR 0022).
 */
public final class ActivityInternalEvents {

    private ActivityInternalEvents() {
    }

    /**
     * Attendance of one participant (internal: only volunteers' check-outs are published, for hours), with how it was
     * made and the staff's reason for a check-in by hand. Events stored before {@code method} existed read as STAFF
     * (only staff checked people in then) with no reason.
     */
    public record ActivityCheckedIn(String activityId, String districtId, String participantId, Role role,
                                    Instant at, CheckInMethod method, String reason) {

        public ActivityCheckedIn {
            method = method == null ? CheckInMethod.STAFF : method;
        }
    }

    /** A photo of the activity (internal; the record keeps caption and location). */
    public record ActivityEvidenceAttached(String activityId, String districtId, String evidenceId, String uploadedBy,
                                           String contentType, long bytes, int width, int height, Instant at) {
    }
}
