package cloud.practice.request.lifecycle.api;

import cloud.practice.events.request.Stage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Events request-service keeps to itself (never published: they carry personal data or internal clocks). */
public final class RequestInternalEvents {

    private RequestInternalEvents() {
    }

    /** What the requester wrote and how to reach them: stays inside request-service. */
    public record RequestDetailsRecorded(String requestId, String districtId, String contact, String address,
                                         String description, Map<String, Object> answers) {
    }

    /**
     * Who keyed the order in: the account (or machine client) that sent it — a grid worker or a station keying for a
     * resident, or the resident themselves. Kept here rather than in the published {@code RequestSubmitted}, whose
     * revision 1 is frozen (ADR 0003); shown to staff only.
     */
    public record RequestKeyed(String requestId, String districtId, String keyedBy) {
    }

    /** What the volunteer noted about the service (may name people: stays inside request-service). */
    public record ServiceNoted(String requestId, String districtId, String volunteerId, String notes) {
    }

    /**
     * A staff member noted something on the order ({@code text} trimmed, 1-500 characters). Notes may name people:
     * the event stays inside request-service (not a published event, so the relay never sends it to the request
     * topic) and the note is shown to staff only.
     */
    public record StaffNoteAdded(String requestId, String districtId, String authorId, String text,
                                 Instant notedAt) {
    }

    /** An offered volunteer said no. */
    public record OfferDeclined(String requestId, String districtId, String volunteerId, String reason) {
    }

    /** The requester has another open request for the same item: shown to the reviewer, not refused. */
    public record PossibleDuplicateFlagged(String requestId, String districtId, String duplicateOf) {
    }

    /** No volunteer matched; the unit dispatches by hand. */
    public record MatchNotFound(String requestId, String districtId, int attempt, String reason) {
    }

    /**
     * A photo as evidence of the service (issue 27), stored by request-service in GridFS before this event: the record
     * keeps the rest (caption, the photo's location where the district keeps it). {@code uploadedBy}: the volunteer's
     * registry id, or the staff member's account. Internal: photos never leave the service as events.
     */
    public record RequestEvidenceAttached(String requestId, String districtId, String evidenceId, EvidenceStage stage,
                                          String uploadedBy, String contentType, long bytes, int width, int height,
                                          Instant at) {
    }

    /** A photo deleted with the personal data of the volunteer who took it (their erasure). */
    public record RequestEvidenceErased(String requestId, String districtId, String evidenceId, EvidenceStage stage,
                                        Instant at) {
    }

    /** When a photo of a request was taken as evidence: at check-out (the service) or at completion. */
    public enum EvidenceStage { CHECK_OUT, COMPLETION }

    /** The menu item's terms the request was ordered under: its plan, skill, people, SLA clocks and reopen window. */
    public record ItemTermsRecorded(String requestId, int plannedMinutes, int minimumSkillLevel, int peopleNeeded,
                                    Map<Stage, Duration> sla, Duration reopenWindow) {
    }
}
