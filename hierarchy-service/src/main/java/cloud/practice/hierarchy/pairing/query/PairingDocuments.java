package cloud.practice.hierarchy.pairing.query;

import cloud.practice.events.hierarchy.PairingModel;
import cloud.practice.events.hierarchy.PartnerType;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Read models of the pairing programme. Partner and pairing ids are unique within their district only, so documents
 * are keyed by {@link #key district and id}; the key stays out of the API's answers.
 */
public final class PairingDocuments {

    private PairingDocuments() {
    }

    static String key(String districtId, String id) {
        return districtId + "/" + id;
    }

    @Document("partners")
    public static class PartnerDocument {
        @Id
        @JsonIgnore
        public String key;
        public String partnerId;
        public String districtId;
        public PartnerType type;
        public String name;
        public String owningDepartment;
        public String maskedContact;
    }

    @Document("pairings")
    public static class PairingDocument {
        @Id
        @JsonIgnore
        public String key;
        public String pairingId;
        public String districtId;
        public String partnerId;
        public List<String> stationIds = new ArrayList<>();
        public PairingModel model;
        public int activitiesPerQuarter;
        public String startDate;
        public String endDate;
        public String endReason;
        public List<Activity> activities = new ArrayList<>();
        public long appliedSequence = -1;
    }

    public record Activity(String stationId, String activityId, String title, String heldOn) {
    }
}
