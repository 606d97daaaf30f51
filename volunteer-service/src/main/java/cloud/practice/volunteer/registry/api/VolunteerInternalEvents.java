package cloud.practice.volunteer.registry.api;

import java.time.Instant;

/** Events volunteer-service keeps to itself: never published (no {@code @EventType}). */
public final class VolunteerInternalEvents {

    private VolunteerInternalEvents() {
    }

    /**
     * The volunteer's real-name data, sealed with their own key ({@code PersonalDataVault}); after erasure nobody can
     * open it again.
     */
    public record VolunteerPersonalDataRecorded(String volunteerId, String districtId, String sealed,
                                                Instant recordedAt) {
    }

    /**
     * A resident (or volunteer) registered themselves: the registration belongs to their account (one per account
     * in a district). Internal, so the published {@code VolunteerRegistered} contract is unchanged.
     */
    public record VolunteerAccountLinked(String volunteerId, String districtId, String accountId,
                                         Instant linkedAt) {
    }

    /** Who asked for the erasure (audit); the published {@code VolunteerErased} does not say. */
    public record VolunteerErasureRequested(String volunteerId, String districtId, String requestedBy,
                                            Instant requestedAt) {
    }
}
