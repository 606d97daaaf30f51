package cloud.practice.volunteer.registry.query;

import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.SkillEntry;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.Slot;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;

/**
 * An application as the reviewers see it: {@code personal} (and {@code accountId}) only where personal data may be
 * seen (reviewers in scope, one application at a time), never in lists; the ID number always masked.
 * {@code reason} is the refusal's reason or the approval's note; {@code availability} and {@code unavailableDates} are
 * what the applicant said when applying.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApplicationView(String volunteerId, String districtId, String maskedName, String homeUnitId,
                              List<SkillEntry> skills, List<String> languages, List<Slot> availability,
                              List<String> unavailableDates, ApplicationStatus status,
                              String reason, Instant appliedAt, Instant decidedAt, String decidedBy, long version,
                              String accountId, VolunteerView.Personal personal) {
}
