package cloud.practice.volunteer.hours.command;

import cloud.practice.volunteer.hours.command.SessionCredit.Interval;
import cloud.practice.volunteer.hours.command.SessionCredit.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic of a credited session, as a table: times are minutes after 09:00 of one day. */
class SessionCreditTest {

    static final Instant NINE = Instant.parse("2026-03-07T01:00:00Z");

    static Instant at(int minutes) {
        return NINE.plusSeconds(60L * minutes);
    }

    @ParameterizedTest(name = "in {0} out {1} start {2} planned {3} → {4} half-hours")
    @CsvSource(nullValues = "-", textBlock = """
            # in, out, start, planned, halfHours, beforeStart, overCap, roundedOff
            0,   90,  -,   120, 3, 0,  0,  0
            0,   95,  -,   120, 3, 0,  0,  5
            0,   29,  -,   120, 0, 0,  0, 29
            0,  180,  -,   120, 4, 0, 60,  0
            0,  180,  -,     0, 6, 0,  0,  0
            0,  120, 60,   120, 2, 60, 0,  0
            90, 120, 60,   120, 1, 0,  0,  0
            0,   50, 60,   120, 0, 50, 0,  0
            """)
    void shouldCountOnSiteCompletedHalfHoursUpToThePlannedDuration(int in, int out, Integer start, int planned,
                                                                  int halfHours, int beforeStart, int overCap,
                                                                  int roundedOff) {
        Result result = SessionCredit.compute(at(in), at(out), start == null ? null : at(start), planned, List.of());
        assertThat(result.halfHours()).isEqualTo(halfHours);
        assertThat(result.beforeStartMinutes()).isEqualTo(beforeStart);
        assertThat(result.overCapMinutes()).isEqualTo(overCap);
        assertThat(result.roundedOffMinutes()).isEqualTo(roundedOff);
        assertThat(result.overlapFlagged()).isFalse();
    }

    @Test
    void shouldCountTheOverlapOfOverlappingEarlierSessionsOnceWhenFlagging() {
        List<Interval> earlier = List.of(new Interval(at(0), at(60)), new Interval(at(30), at(90)),
                new Interval(at(200), at(260)));
        Result result = SessionCredit.compute(at(60), at(240), null, 0, earlier);

        assertThat(result.overlapMinutes()).as("30 of 60-90 and 40 of 200-240").isEqualTo(70);
        assertThat(result.halfHours()).as("110 free minutes").isEqualTo(3);
        assertThat(result.overlapFlagged()).isTrue();
        assertThat(result.occupied()).isEqualTo(new Interval(at(60), at(240)));
    }

    @Test
    void shouldCapTheFreeTimeNotTheSessionWhenSessionsOverlap() {
        Result result = SessionCredit.compute(at(0), at(180), null, 120, List.of(new Interval(at(0), at(60))));
        assertThat(result.overlapMinutes()).isEqualTo(60);
        assertThat(result.overCapMinutes()).isZero();
        assertThat(result.halfHours()).isEqualTo(4);
    }
}
