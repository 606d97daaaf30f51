package cloud.practice.volunteer.matching.query;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.VolunteerStatus;
import cloud.practice.events.volunteer.WeeklySlot;
import cloud.practice.volunteer.matching.index.VolunteerProfile;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.SkillEntry;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.Slot;
import cloud.practice.volunteer.registry.query.VolunteerDocuments.VolunteerDocument;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The registry's read model as matching sees it. */
final class Profiles {

    private Profiles() {
    }

    /** Only active, not erased volunteers can be matched; the rest stay in the index as inactive. */
    static VolunteerProfile of(VolunteerDocument volunteer) {
        return new VolunteerProfile(volunteer.volunteerId, volunteer.districtId, volunteer.homeUnitId,
                volunteer.approximateLocation, skills(volunteer.skills), slots(volunteer.availability),
                volunteer.unavailableDates == null ? List.of()
                        : volunteer.unavailableDates.stream().map(LocalDate::parse).toList(),
                volunteer.status == VolunteerStatus.ACTIVE && !volunteer.erased, volunteer.contactConsent,
                volunteer.version);
    }

    static Map<ServicePlatform, Integer> skills(List<SkillEntry> skills) {
        Map<ServicePlatform, Integer> levels = new EnumMap<>(ServicePlatform.class);
        if (skills != null) {
            skills.forEach(skill -> levels.merge(skill.platform(), skill.level(), Math::max));
        }
        return levels;
    }

    static List<WeeklySlot> slots(List<Slot> slots) {
        return slots == null ? List.of() : slots.stream().map(slot -> new WeeklySlot(DayOfWeek.valueOf(slot.day()),
                LocalTime.parse(slot.from()), LocalTime.parse(slot.to()))).toList();
    }
}
