package cloud.practice.volunteer.registry.api;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.WeeklySlot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Events volunteer-service keeps to itself: never published (no {@code @EventType}). */
public final class VolunteerInternalEvents {

    private VolunteerInternalEvents() {
    }

    /**
     * The volunteer's (or applicant's) real-name data, sealed with their own key ({@code PersonalDataVault}); after
     * erasure nobody can open it again.
     */
    public record VolunteerPersonalDataRecorded(String volunteerId, String districtId, String sealed,
                                                Instant recordedAt) {
    }

    /**
     * Replay only: before approval (issue 21) a resident's own registration was linked by this internal event. New
     * links are the published {@code cloud.practice.events.volunteer.VolunteerAccountLinked}; streams already stored
     * keep this one, and the aggregate and read models handle both alike.
     */
    public record VolunteerAccountLinked(String volunteerId, String districtId, String accountId,
                                         Instant linkedAt) {
    }

    /**
     * A person applied to be a volunteer themselves, for their account: what registration needs once approved,
     * without personal data (that follows sealed, in {@link VolunteerPersonalDataRecorded}). Nothing is published
     * while the application is pending, so no other service sees an applicant.
     */
    public record VolunteerApplied(String volunteerId, String districtId, String accountId, String maskedName,
                                   String homeUnitId, GeoPoint approximateLocation, List<Skill> skills,
                                   List<String> languages, List<WeeklySlot> availability,
                                   List<LocalDate> unavailableDates, boolean contactConsent, Instant appliedAt) {
    }

    /** The station approved the application; {@code VolunteerRegistered} and the account link follow. */
    public record VolunteerApplicationApproved(String volunteerId, String districtId, String note, String decidedBy,
                                               Instant decidedAt) {
    }

    /** The station refused the application, saying why (the applicant sees the reason). */
    public record VolunteerApplicationRefused(String volunteerId, String districtId, String reason, String decidedBy,
                                              Instant decidedAt) {
    }

    /** A pending or refused application was withdrawn or erased on request: its personal data goes. */
    public record VolunteerApplicationErased(String volunteerId, String districtId, Instant erasedAt) {
    }

    /**
     * Staff registered someone and linked their existing account with their consent: how it was given, when it was
     * recorded and who recorded it (the caller). The published {@code VolunteerAccountLinked} follows.
     */
    public record AccountLinkConsentRecorded(String volunteerId, String districtId, String accountId,
                                             ConsentMethod method, Instant recordedAt, String recordedBy) {
    }

    /** Who asked for the erasure (audit); the published {@code VolunteerErased} does not say. */
    public record VolunteerErasureRequested(String volunteerId, String districtId, String requestedBy,
                                            Instant requestedAt) {
    }
}
