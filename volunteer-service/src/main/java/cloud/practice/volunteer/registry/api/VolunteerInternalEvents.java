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

    /** Who asked for the erasure (audit); the published {@code VolunteerErased} does not say. */
    public record VolunteerErasureRequested(String volunteerId, String districtId, String requestedBy,
                                            Instant requestedAt) {
    }
}
