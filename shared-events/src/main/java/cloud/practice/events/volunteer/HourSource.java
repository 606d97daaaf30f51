package cloud.practice.events.volunteer;

/** Where credited hours came from. */
public enum HourSource {
    REQUEST,
    ACTIVITY
}
