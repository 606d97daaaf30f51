package cloud.practice.volunteer.hours.query;

import cloud.practice.events.ServicePlatform;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Read models of the hour ledger. No personal data: opaque volunteer ids, hours and their provenance. */
public final class HourDocuments {

    private HourDocuments() {
    }

    public enum Kind { CREDIT, HONOUR }

    /** One credited session or one honour grant (with its revocation, if any): the audit trail. */
    @Document("volunteer_hour_entries")
    public static class EntryDocument {
        @Id
        public String entryId;
        public Kind kind;
        public String volunteerId;
        public String districtId;
        /** REQUEST, ACTIVITY or HONOUR. */
        public String source;
        public String sourceId;
        public String unitId;
        public ServicePlatform platform;
        public int halfHours;
        /** The day it counts for, in the district's zone: the session's check-in, or the grant. */
        public String date;
        public Instant servedFrom;
        public Instant servedTo;
        public boolean overlapFlagged;
        public Breakdown breakdown;
        public String reason;
        public String reference;
        public String grantedBy;
        public Instant grantedAt;
        public boolean revoked;
        public String revokedBy;
        public Instant revokedAt;
        public String revocationReason;
    }

    public record Breakdown(int sessionMinutes, int beforeStartMinutes, int overlapMinutes, int overCapMinutes,
                            int roundedOffMinutes, int countedMinutes) {
    }

    /** A volunteer's totals and star history. */
    @Document("volunteer_ledgers")
    public static class LedgerDocument {
        @Id
        public String volunteerId;
        public String districtId;
        public int creditHalfHours;
        public int honourHalfHours;
        public int stars;
        public List<StarChange> starHistory = new ArrayList<>();
        public Instant lastServedAt;
        public long version = -1;

        public int totalHalfHours() {
            return creditHalfHours + honourHalfHours;
        }
    }

    /** {@code change} is REACHED or WITHDRAWN. */
    public record StarChange(int stars, String change, int totalHalfHours, Instant at) {
    }
}
