package cloud.practice.volunteer.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The fixed "now" of the unit tests: 2026-03-07 10:00 in Chongqing. */
public final class Clocks {

    public static final ZoneId DISTRICT_ZONE = ZoneId.of("Asia/Shanghai");
    public static final Instant NOW = Instant.parse("2026-03-07T02:00:00Z");
    public static final LocalDate TODAY = LocalDate.of(2026, 3, 7);

    private Clocks() {
    }

    public static Clock fixed() {
        return Clock.fixed(NOW, DISTRICT_ZONE);
    }
}
