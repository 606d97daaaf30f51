package cloud.practice.reporting.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One period of a report: {@code first} to {@code last}, both inclusive, clipped to the queried range.
 */
public record Period(String label, LocalDate first, LocalDate last) {

    public boolean contains(LocalDate date) {
        return date != null && !date.isBefore(first) && !date.isAfter(last);
    }

    /** The periods covering {@code from}..{@code to} (inclusive), the first and last clipped to the range. */
    public static List<Period> cover(LocalDate from, LocalDate to, Granularity granularity) {
        List<Period> periods = new ArrayList<>();
        for (LocalDate start = granularity.startOf(from); !start.isAfter(to); start = granularity.next(start)) {
            LocalDate end = granularity.next(start).minusDays(1);
            periods.add(new Period(granularity.label(start), start.isBefore(from) ? from : start,
                    end.isAfter(to) ? to : end));
        }
        return periods;
    }

    /** How many periods {@link #cover} would make, without making them. */
    public static long count(LocalDate from, LocalDate to, Granularity granularity) {
        long count = 0;
        for (LocalDate start = granularity.startOf(from); !start.isAfter(to) && count < Integer.MAX_VALUE;
             start = granularity.next(start)) {
            count++;
            if (count > 100_000) {
                break;
            }
        }
        return count;
    }
}
