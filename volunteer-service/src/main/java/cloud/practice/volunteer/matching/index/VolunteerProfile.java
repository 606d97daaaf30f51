package cloud.practice.volunteer.matching.index;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.volunteer.WeeklySlot;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * What matching knows of a volunteer from the registry (no personal data): where they live approximately, what they
 * can do, when they are free, whether they may be asked. {@code version} is the aggregate's last sequence applied;
 * an older profile never overwrites a newer one.
 */
public record VolunteerProfile(String volunteerId, String districtId, String homeUnitId, GeoPoint location,
                               Map<ServicePlatform, Integer> skills, Collection<WeeklySlot> availability,
                               Collection<LocalDate> unavailableDates, boolean active, boolean contactConsent,
                               long version) {
}
