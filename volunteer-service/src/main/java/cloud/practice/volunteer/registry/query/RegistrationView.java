package cloud.practice.volunteer.registry.query;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What a person sees of their own registration ({@code GET /volunteers/me}): their application while it is
 * {@code PENDING} or {@code REFUSED} (with the reason), or their record once they are a volunteer
 * ({@code REGISTERED}: approved, or registered by staff and linked with their consent).
 *
 * @param volunteer the volunteer record with their personal data, once registered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistrationView(String volunteerId, String districtId, State state, String reason,
                               String homeUnitId, Instant appliedAt, Instant decidedAt, Instant registeredAt,
                               VolunteerView volunteer) {

    public enum State { PENDING, REFUSED, REGISTERED }
}
