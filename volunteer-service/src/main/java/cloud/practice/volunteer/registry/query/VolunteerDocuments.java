package cloud.practice.volunteer.registry.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Read models of the registry. Times of day and dates are kept as ISO strings (no zone conversions in the store). */
public final class VolunteerDocuments {

    private VolunteerDocuments() {
    }

    /**
     * What the district may know of a volunteer without personal data: the masked name, the approximate location,
     * skills, languages, availability, consent and status. Also what matching (issue 5) reads. After erasure only
     * the opaque id, district, home unit and status remain.
     */
    @Document("volunteers")
    public static class VolunteerDocument {
        @Id
        public String volunteerId;
        public String districtId;
        public String maskedName;
        /**
         * The person's account: theirs when their application was approved, or linked by staff with their consent;
         * null otherwise, and after erasure.
         */
        public String accountId;
        public String homeUnitId;
        public GeoPoint approximateLocation;
        public List<SkillEntry> skills = new ArrayList<>();
        public List<String> languages = new ArrayList<>();
        public List<Slot> availability = new ArrayList<>();
        public List<String> unavailableDates = new ArrayList<>();
        public boolean contactConsent;
        public VolunteerStatus status;
        public boolean erased;
        public Instant registeredAt;
        public Instant erasedAt;
        /** The aggregate's last sequence number applied: the volunteer's ETag. */
        public long version = -1;
    }

    /**
     * A person's own application to be a volunteer, as the station reviews it and the applicant follows it: no
     * personal data but the masked name (the plain text is in {@link ProfileDocument} under the same id). After
     * erasure only the id, district, home unit and status remain.
     */
    @Document("volunteer_applications")
    public static class ApplicationDocument {
        @Id
        public String volunteerId;
        public String districtId;
        public String accountId;
        public String maskedName;
        public String homeUnitId;
        public List<SkillEntry> skills = new ArrayList<>();
        public List<String> languages = new ArrayList<>();
        /** When the applicant can serve, as they said when applying: what a reviewer weighs. */
        public List<Slot> availability = new ArrayList<>();
        public List<String> unavailableDates = new ArrayList<>();
        public ApplicationStatus status;
        /** The refusal's reason, or the approval's note. */
        public String reason;
        public String decidedBy;
        public Instant appliedAt;
        public Instant decidedAt;
        public long version = -1;
    }

    /**
     * The plain-text personal data, for the volunteer (or applicant) and the admins in scope; deleted on erasure.
     */
    @Document("volunteer_profiles")
    public static class ProfileDocument {
        @Id
        public String volunteerId;
        public String districtId;
        public String name;
        public String phone;
        public String idNumber;
        public String birthDate;
        public GuardianEntry guardian;
        public Instant recordedAt;
    }

    public record SkillEntry(ServicePlatform platform, int level) {
    }

    /** A weekly slot: day of week and local times of the district, {@code HH:mm}. */
    public record Slot(String day, String from, String to) {
    }

    public record GuardianEntry(String name, String phone, String relation, Instant consentedAt) {
    }
}
