package cloud.practice.volunteer.hours.command;

import cloud.practice.support.domain.RuleViolation;

import java.util.List;

/** Star levels from cumulative hours: 1-5 stars at the district's five thresholds (default 100/300/600/1000/1500). */
final class StarLevels {

    public static final int LEVELS = 5;
    static final int MAX_HOURS = 100_000;

    private StarLevels() {
    }

    /** The number of thresholds reached by {@code totalHalfHours}. */
    public static int levelFor(int totalHalfHours, List<Integer> thresholdHours) {
        int level = 0;
        for (int threshold : thresholdHours) {
            if (totalHalfHours >= threshold * 2) {
                level++;
            }
        }
        return level;
    }

    /** Five positive, strictly increasing hour counts. */
    public static void validate(List<Integer> thresholds) {
        if (thresholds == null || thresholds.size() != LEVELS) {
            throw RuleViolation.invalid("thresholds", "Give exactly " + LEVELS + " thresholds, one per star");
        }
        int previous = 0;
        for (Integer threshold : thresholds) {
            if (threshold == null || threshold <= previous || threshold > MAX_HOURS) {
                throw RuleViolation.invalid("thresholds", "Thresholds must be positive, strictly increasing and"
                        + " at most " + MAX_HOURS + " hours: " + thresholds);
            }
            previous = threshold;
        }
    }
}
