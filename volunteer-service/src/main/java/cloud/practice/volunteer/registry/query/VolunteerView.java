package cloud.practice.volunteer.registry.query;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.GuardianEntry;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.SkillEntry;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.Slot;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * A volunteer as the API shows it. {@code personal} is present only for callers who may see personal data (the
 * volunteer, admins in scope), and so is {@code accountId} (the person's account: their approved application, or
 * linked by staff with their consent);
 * the ID number is always masked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VolunteerView(String volunteerId, String districtId, String maskedName, String homeUnitId,
                            GeoPoint approximateLocation, List<SkillEntry> skills, List<String> languages,
                            List<Slot> availability, List<String> unavailableDates, boolean contactConsent,
                            VolunteerStatus status, boolean erased, Instant registeredAt, Instant erasedAt,
                            long version, String accountId, Personal personal) {

    public record Personal(String name, String phone, String maskedIdNumber, String birthDate, GuardianEntry guardian) {
    }
}
