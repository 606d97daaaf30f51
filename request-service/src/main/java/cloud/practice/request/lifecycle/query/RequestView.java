package cloud.practice.request.lifecycle.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.request.Channel;
import cloud.practice.request.lifecycle.api.RequestStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request as its requester, the responsible unit and volunteers see it, with its full history. */
@Document("requests")
public class RequestView {

    /** The history entry of a staff note: by = its author's account, detail = the text; shown to staff only. */
    public static final String NOTED_BY_STAFF = "noted-by-staff";
    /**
     * The history entry of a check-in or check-out farther from the request than its district allows: by = the
     * volunteer, detail = e.g. "check-in 1240 m from the request (limit 500 m)"; shown to whoever reads the history.
     */
    public static final String LOCATION_FLAGGED = "location-flagged";

    /**
     * The history entry of a photo attached as evidence (issue 27): by = the volunteer's id or the staff member's
     * account, detail = e.g. "1 photo (check-out)"; the photos themselves are at {@code /requests/{id}/evidence}.
     */
    public static final String EVIDENCE_ATTACHED = "evidence-attached";
    /** A photo deleted with its uploader's personal data (their erasure): by none, detail e.g. "1 photo (check-out) deleted". */
    public static final String EVIDENCE_ERASED = "evidence-erased";

    @Id
    public String requestId;
    public String districtId;
    public String menuItemId;
    public ServicePlatform platform;
    public RequestStatus status;
    public String unitId;
    public String requesterId;
    public String maskedContact;
    public GeoPoint location;
    public String grid;
    public Channel channel;
    /** The account or machine client that keyed the order in (a grid worker, a station, the resident); staff see it. */
    public String keyedBy;
    public String description;
    /** The address as the requester gave it; it stays inside request-service (not in events or reports). */
    public String address;
    public Map<String, Object> answers = new LinkedHashMap<>();
    public Instant submittedAt;
    public Instant preferredFrom;
    public Instant preferredTo;
    public List<String> offeredTo = new ArrayList<>();
    public String teamId;
    public String volunteerId;
    public Instant checkedInAt;
    public Instant checkedOutAt;
    public Instant completedAt;
    public Integer rating;
    public Boolean solved;
    public String ratingComment;
    public String rejectionReason;
    public int escalations;
    public String possibleDuplicateOf;
    public java.util.List<String> declinedBy = new ArrayList<>();
    public String clockStage;
    public Instant clockDueAt;
    public List<Entry> history = new ArrayList<>();
    public long appliedSequence = -1;

    /** One step of the request's history: when, what, who, why. */
    public record Entry(Instant at, String event, String by, String detail) {
    }
}
