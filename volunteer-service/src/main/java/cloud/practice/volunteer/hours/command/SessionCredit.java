package cloud.practice.volunteer.hours.command;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a check-in/check-out session turns into credited half-hours, in this order:
 * <ol>
 *   <li><b>travel excluded</b>: only time at the place of service counts, from check-in to check-out (never from
 *       acceptance or sign-up); for an activity, time before its published start is travel or waiting;</li>
 *   <li><b>overlaps not double-counted</b>: time already covered by the volunteer's earlier sessions is not counted
 *       again, and the credit is flagged;</li>
 *   <li><b>capped</b> at the activity's or request's planned duration;</li>
 *   <li><b>half-hour units</b>: only completed half-hours count (rounded down).</li>
 * </ol>
 */
final class SessionCredit {

    static final long HALF_HOUR_SECONDS = 1800;

    private SessionCredit() {
    }

    /** A span of time a volunteer was serving. */
    public record Interval(Instant from, Instant to) {
        long seconds() {
            return Math.max(0, Duration.between(from, to).getSeconds());
        }
    }

    /**
     * @param occupied the window that counts as served from now on (overlaps with later sessions are checked
     *                 against it), or null when the session has no time after its start
     */
    public record Result(int sessionMinutes, int beforeStartMinutes, int overlapMinutes, int overCapMinutes,
                         int roundedOffMinutes, int countedMinutes, int halfHours, boolean overlapFlagged,
                         Interval occupied) {
    }

    public static Result compute(Instant checkedIn, Instant checkedOut, Instant scheduledStart, int plannedMinutes,
                                 List<Interval> earlier) {
        long session = Math.max(0, Duration.between(checkedIn, checkedOut).getSeconds());
        Instant start = scheduledStart != null && scheduledStart.isAfter(checkedIn) ? scheduledStart : checkedIn;
        if (!start.isBefore(checkedOut)) {
            return new Result(minutes(session), minutes(session), 0, 0, 0, 0, 0, false, null);
        }
        Interval window = new Interval(start, checkedOut);
        long beforeStart = Duration.between(checkedIn, start).getSeconds();
        long overlap = overlapSeconds(window, earlier);
        long free = window.seconds() - overlap;
        long overCap = plannedMinutes > 0 ? Math.max(0, free - plannedMinutes * 60L) : 0;
        long counted = free - overCap;
        int halfHours = (int) (counted / HALF_HOUR_SECONDS);
        long roundedOff = counted - halfHours * HALF_HOUR_SECONDS;
        return new Result(minutes(session), minutes(beforeStart), minutes(overlap), minutes(overCap),
                minutes(roundedOff), halfHours * 30, halfHours, overlap > 0, window);
    }

    /** Seconds of {@code window} covered by the union of {@code earlier} (which may overlap each other). */
    static long overlapSeconds(Interval window, List<Interval> earlier) {
        List<Interval> clipped = new ArrayList<>();
        for (Interval interval : earlier) {
            Instant from = interval.from().isAfter(window.from()) ? interval.from() : window.from();
            Instant to = interval.to().isBefore(window.to()) ? interval.to() : window.to();
            if (from.isBefore(to)) {
                clipped.add(new Interval(from, to));
            }
        }
        clipped.sort(Comparator.comparing(Interval::from));
        long covered = 0;
        Instant reach = null;
        for (Interval interval : clipped) {
            if (reach == null || !interval.from().isBefore(reach)) {
                covered += interval.seconds();
                reach = interval.to();
            } else if (interval.to().isAfter(reach)) {
                covered += Duration.between(reach, interval.to()).getSeconds();
                reach = interval.to();
            }
        }
        return covered;
    }

    private static int minutes(long seconds) {
        return (int) (seconds / 60);
    }
}
