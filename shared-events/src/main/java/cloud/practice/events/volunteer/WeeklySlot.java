package cloud.practice.events.volunteer;

import java.time.DayOfWeek;
import java.time.LocalTime;

/** A weekly availability window in the district's local time. */
public record WeeklySlot(DayOfWeek day, LocalTime from, LocalTime to) {
}
