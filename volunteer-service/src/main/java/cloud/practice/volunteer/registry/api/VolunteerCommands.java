package cloud.practice.volunteer.registry.api;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.volunteer.privacy.PersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Commands of the volunteer registry. Every command names the district (another district's volunteer answers 404);
 * changes carry the version the caller read ({@code If-Match}), null for "whatever is current".
 */
public final class VolunteerCommands {

    private VolunteerCommands() {
    }

    /** A command on an existing volunteer. */
    public interface VolunteerCommand {
        String volunteerId();

        String districtId();

        Long expectedVersion();
    }

    /**
     * Staff or a machine client register someone at once. {@code homeLocation} is precise as given; only its
     * approximation is kept. A collision with a registered phone or ID number is refused naming the field.
     * {@code link}, when present, links the person's existing account (their consent recorded): one volunteer per
     * account in a district.
     */
    public record RegisterVolunteerCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                           PersonalData personal, String homeUnitId, GeoPoint homeLocation,
                                           List<Skill> skills, List<String> languages, List<WeeklySlot> availability,
                                           List<LocalDate> unavailableDates, boolean contactConsent,
                                           AccountLink link) {

        /** Registered without linking an account. */
        public RegisterVolunteerCommand(String volunteerId, String districtId, PersonalData personal,
                                        String homeUnitId, GeoPoint homeLocation, List<Skill> skills,
                                        List<String> languages, List<WeeklySlot> availability,
                                        List<LocalDate> unavailableDates, boolean contactConsent) {
            this(volunteerId, districtId, personal, homeUnitId, homeLocation, skills, languages, availability,
                    unavailableDates, contactConsent, null);
        }
    }

    /**
     * A row of a roster import (ADR 0025): registered as of the roster's registration date. The importer reserved the
     * row's phone and ID number for this id just before (a batch at a time), so the handler does not again.
     *
     * @param registeredAt when the earlier system registered them (start of that day in the district's zone)
     * @param importId     the import it came with (provenance, in the log)
     */
    public record ImportVolunteerCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                         PersonalData personal, String homeUnitId, List<Skill> skills,
                                         boolean contactConsent, Instant registeredAt, String importId) {
    }

    /**
     * The person's account and their consent to link it, as staff recorded it.
     *
     * @param recordedAt when the consent was recorded (the form's date, the call's time), as staff state it
     * @param recordedBy the staff member or machine client who recorded it (the caller's user id)
     */
    public record AccountLink(String accountId, ConsentMethod method, Instant recordedAt, String recordedBy) {
    }

    /**
     * A resident (or another person without a volunteer record) applies to be a volunteer themselves: the same data
     * as a registration, for their own account. It stays a pending application until the station decides; a
     * collision with a registered phone or ID number is refused without saying which.
     */
    public record ApplyAsVolunteerCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                          PersonalData personal, String homeUnitId, GeoPoint homeLocation,
                                          List<Skill> skills, List<String> languages, List<WeeklySlot> availability,
                                          List<LocalDate> unavailableDates, boolean contactConsent,
                                          String accountId) {
    }

    /** The station approves or refuses a pending application; a refusal needs a reason. */
    public record DecideApplicationCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                           Decision decision, String reason, String decidedBy,
                                           @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    public record ChangePersonalDataCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                            PersonalData personal,
                                            @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    public record ChangeHomeUnitCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                        String homeUnitId, GeoPoint homeLocation,
                                        @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    public record ChangeSkillsCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                      List<Skill> skills,
                                      @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    public record ChangeLanguagesCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                         List<String> languages,
                                         @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    public record ChangeAvailabilityCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                            List<WeeklySlot> availability, List<LocalDate> unavailableDates,
                                            @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    public record ChangeContactConsentCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                              boolean contactConsent,
                                              @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    /** Pause, resume, deactivate, reactivate: the target status and why. */
    public record ChangeVolunteerStatusCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                               VolunteerStatus status, String reason,
                                               @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }

    /**
     * Erasure on request: personal data becomes unreadable everywhere; hours stay under the opaque id. On a pending or
     * refused application it erases (withdraws) the application.
     */
    public record EraseVolunteerCommand(@TargetAggregateIdentifier String volunteerId, String districtId,
                                        String requestedBy,
                                        @TargetAggregateVersion Long expectedVersion) implements VolunteerCommand {
    }
}
