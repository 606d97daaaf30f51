package cloud.practice.volunteer.matching.index;

import java.time.Instant;

/**
 * Something a volunteer took on: it blocks its time window (when known) and counts towards their recent load.
 *
 * @param from           start of the promised time, or null when the order named none
 * @param to             end of the promised time, or null
 * @param acceptedAt     when it was taken on: inside the rolling window it counts as load
 * @param minutesServed  minutes served so far (from check-out), 0 before
 */
public record Engagement(Instant from, Instant to, Instant acceptedAt, int minutesServed) {
}
