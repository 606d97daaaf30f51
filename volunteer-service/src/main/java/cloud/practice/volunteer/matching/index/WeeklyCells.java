package cloud.practice.volunteer.matching.index;

import cloud.practice.events.volunteer.WeeklySlot;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Availability at half-hour granularity: the week is 7 x 48 = 336 cells (Monday 00:00 is cell 0), held in 6 longs.
 * A weekly slot offers each half hour it covers entirely (09:10-11:00 offers 09:30-11:00; a slot ending at 23:59
 * runs to midnight); a need's window needs every half hour it touches, in the district's zone.
 */
public final class WeeklyCells {

    static final int CELLS = 7 * 48;
    static final int WORDS = (CELLS + 63) / 64;

    private WeeklyCells() {
    }

    public static long[] of(Collection<WeeklySlot> slots) {
        long[] cells = new long[WORDS];
        if (slots == null) {
            return cells;
        }
        for (WeeklySlot slot : slots) {
            int day = slot.day().getValue() - 1;
            int from = (slot.from().toSecondOfDay() + 1799) / 1800;
            int to = slot.to().equals(LocalTime.of(23, 59)) || slot.to().equals(LocalTime.MAX) ? 48
                    : slot.to().toSecondOfDay() / 1800;
            for (int half = from; half < to; half++) {
                set(cells, day * 48 + half);
            }
        }
        return cells;
    }

    /** The cells a window touches; a window of a week or more needs every cell. */
    public static long[] needed(Instant from, Instant to, ZoneId zone) {
        long[] cells = new long[WORDS];
        if (!to.isAfter(from)) {
            return cells;
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(7)) >= 0) {
            for (int cell = 0; cell < CELLS; cell++) {
                set(cells, cell);
            }
            return cells;
        }
        LocalDateTime start = LocalDateTime.ofInstant(from, zone);
        LocalDateTime end = LocalDateTime.ofInstant(to, zone);
        LocalDateTime cellStart = start.truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .plusMinutes(start.getMinute() >= 30 ? 30 : 0);
        while (cellStart.isBefore(end)) {
            int day = cellStart.getDayOfWeek().getValue() - 1;
            int half = cellStart.getHour() * 2 + (cellStart.getMinute() >= 30 ? 1 : 0);
            set(cells, day * 48 + half);
            cellStart = cellStart.plusMinutes(30);
        }
        return cells;
    }

    /** The district's local dates a window touches (a volunteer away on any of them cannot serve). */
    public static int[] days(Instant from, Instant to, ZoneId zone) {
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), zone);
        List<Integer> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last) && days.size() < 400; day = day.plusDays(1)) {
            days.add((int) day.toEpochDay());
        }
        return days.stream().mapToInt(Integer::intValue).toArray();
    }

    static boolean covers(long[] offered, long[] needed) {
        for (int i = 0; i < WORDS; i++) {
            if ((needed[i] & ~offered[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void set(long[] cells, int cell) {
        cells[cell >>> 6] |= 1L << (cell & 63);
    }
}
