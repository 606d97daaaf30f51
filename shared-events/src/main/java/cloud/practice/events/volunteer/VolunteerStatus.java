package cloud.practice.events.volunteer;

public enum VolunteerStatus {
    ACTIVE,
    PAUSED,
    DEACTIVATED
}
