package cloud.practice.volunteer.registry.web;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.Skill;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.support.privacy.RealName;
import cloud.practice.support.web.ApiException;
import cloud.practice.volunteer.privacy.PersonalData;
import cloud.practice.volunteer.registry.api.ApplicationStatus;
import cloud.practice.volunteer.registry.api.ConsentMethod;
import cloud.practice.volunteer.registry.api.Decision;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static cloud.practice.support.web.ApiFormats.ID;

/**
 * The bodies the volunteer API takes (a volunteer's data, a decision, a change), with their validation, and the
 * answers of its changes.
 */
public final class VolunteerBodies {

    static final String PHONE = RealName.PHONE;
    static final String ID_NUMBER = RealName.ID_NUMBER;
    static final String LANGUAGE = "[a-z]{2,3}(-[A-Za-z0-9]{2,8}){0,2}";

    private VolunteerBodies() {
    }

    public record Location(@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
                           @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude) {
        GeoPoint toPoint() {
            return new GeoPoint(latitude, longitude);
        }
    }

    public record SkillEntry(@NotNull ServicePlatform platform, @NotNull @Min(1) @Max(5) Integer level) {
    }

    public record Slot(@NotNull DayOfWeek day, @NotNull LocalTime from, @NotNull LocalTime to) {
    }

    public record Guardian(@NotBlank @Size(max = 50) String name, @NotBlank @Pattern(regexp = PHONE) String phone,
                           @NotBlank @Size(max = 20) String relation, @NotNull Instant consentedAt) {
    }

    /** Real-name data: name, mobile number, optional ID number, birth date, a guardian for minors. */
    public record Personal(@NotBlank @Size(max = 50) String name, @NotBlank @Pattern(regexp = PHONE) String phone,
                           @Pattern(regexp = ID_NUMBER) String idNumber, @NotNull LocalDate birthDate,
                           @Valid Guardian guardian) {
    }

    /**
     * A registration (staff, machine clients) or one's own application (residents, grid workers). Staff may link the
     * person's existing account: {@code accountId} with {@code consent}, never one without the other.
     */
    public record Register(@NotNull @Valid Personal personal,
                           @NotBlank @Pattern(regexp = ID) String homeUnitId, @Valid Location homeLocation,
                           @NotNull @Size(max = 9) List<@NotNull @Valid SkillEntry> skills,
                           @Size(max = 10) List<@NotNull @Pattern(regexp = LANGUAGE) String> languages,
                           @Size(max = 50) List<@NotNull @Valid Slot> availability,
                           @Size(max = 366) List<@NotNull LocalDate> unavailableDates,
                           @NotNull Boolean contactConsent,
                           @Pattern(regexp = ID) String accountId, @Valid AccountConsent consent) {
    }

    /** How the person consented to link their account, and when that was recorded (not in the future). */
    public record AccountConsent(@NotNull ConsentMethod method, @NotNull Instant recordedAt) {
    }

    /** A station's decision: a refusal needs a reason (shown to the applicant), an approval may carry a note. */
    public record Decide(@NotNull Decision decision, @Size(max = 500) String reason) {
    }

    public record HomeUnit(@NotBlank @Pattern(regexp = ID) String homeUnitId, @Valid Location homeLocation) {
    }

    public record Skills(@NotNull @Size(max = 9) List<@NotNull @Valid SkillEntry> skills) {
    }

    public record Languages(@NotNull @Size(max = 10) List<@NotNull @Pattern(regexp = LANGUAGE) String> languages) {
    }

    public record Availability(@NotNull @Size(max = 50) List<@NotNull @Valid Slot> availability,
                               @Size(max = 366) List<@NotNull LocalDate> unavailableDates) {
    }

    public record Consent(@NotNull Boolean contactConsent) {
    }

    public record StatusChange(@Size(max = 500) String reason) {
    }

    /** A volunteer registered, or an application made ({@code status} PENDING, only then present). */
    public record RegistrationCreated(String volunteerId, String districtId, long version,
                                      @JsonInclude(JsonInclude.Include.NON_NULL) ApplicationStatus status) {
    }

    /** A volunteer after a change: the new version (also the answer's ETag). */
    public record VolunteerChanged(String volunteerId, long version) {
    }

    /** A station's decision recorded: the application's status now and its new version (also the ETag). */
    public record ApplicationDecided(String volunteerId, ApplicationStatus status, long version) {
    }

    static PersonalData personal(Personal body, Clock clock) {
        String idNumber = body.idNumber() == null ? null : body.idNumber().toUpperCase(Locale.ROOT);
        if (idNumber != null) {
            checkIdNumber(idNumber, body.birthDate());
        }
        Guardian guardian = body.guardian();
        if (guardian != null && guardian.consentedAt().isAfter(clock.instant().plusSeconds(300))) {
            throw ApiException.badRequest("personal.guardian.consentedAt", "consentedAt lies in the future");
        }
        return new PersonalData(body.name().strip(), body.phone(), idNumber, body.birthDate(),
                guardian == null ? null : new PersonalData.Guardian(guardian.name().strip(), guardian.phone(),
                        guardian.relation().strip(), guardian.consentedAt()));
    }

    /** GB 11643: the check character, and the birth date it encodes must be the one given. */
    static void checkIdNumber(String idNumber, LocalDate birthDate) {
        RealName.checkIdNumber("personal.idNumber", idNumber, birthDate);
    }

    static List<Skill> skills(List<SkillEntry> entries) {
        Set<ServicePlatform> seen = new HashSet<>();
        for (SkillEntry entry : entries) {
            if (!seen.add(entry.platform())) {
                throw ApiException.badRequest("skills", "one skill per platform: " + entry.platform() + " twice");
            }
        }
        return entries.stream().map(entry -> new Skill(entry.platform(), entry.level())).toList();
    }

    static List<WeeklySlot> slots(List<Slot> slots) {
        if (slots == null) {
            return List.of();
        }
        for (Slot slot : slots) {
            if (!slot.to().isAfter(slot.from())) {
                throw ApiException.badRequest("availability", "a slot must end after it starts (" + slot.day()
                        + " " + slot.from() + "-" + slot.to() + ")");
            }
        }
        return slots.stream().map(slot -> new WeeklySlot(slot.day(), slot.from(), slot.to())).toList();
    }

    static List<String> languages(List<String> languages) {
        if (languages == null) {
            return List.of();
        }
        if (new HashSet<>(languages).size() != languages.size()) {
            throw ApiException.badRequest("languages", "a language is listed twice");
        }
        return List.copyOf(languages);
    }

    static List<LocalDate> dates(List<LocalDate> dates) {
        return dates == null ? List.of() : dates.stream().distinct().sorted().toList();
    }
}
