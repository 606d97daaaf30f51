package cloud.practice.reporting.projection;

import java.time.Instant;
import java.util.List;

/**
 * What the status endpoint shows for each running projection version.
 *
 * @param position       records consumed and committed, summed over the version's consumer groups and partitions
 * @param end            records on the topics (end offsets), same sum
 * @param lag            {@code end - position}: records still to apply
 * @param eventsApplied  events this instance applied to the version since it started it
 * @param lastEventTime  the time of the last event this instance applied
 */
public record ProjectionStatus(String projection, int version, Role role, long position, long end, long lag,
                               long eventsApplied, Instant lastEventTime, Instant startedAt,
                               List<Consumer> consumers) {

    public enum Role { ACTIVE, BUILDING }

    public record Consumer(String group, List<String> topics, long position, long end, long lag) {
    }
}
