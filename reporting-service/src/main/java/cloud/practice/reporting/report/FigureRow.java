package cloud.practice.reporting.report;

import java.util.Map;

/**
 * Every figure of one unit (alone or with its subtree) in one period. Requests are counted in the period they were
 * submitted in (a cohort), with all their later stages; hours by the day served; activities by their start; units,
 * volunteers, teams and pairings as they stood on the period's last day. {@code locationFlags}: the check-ins and
 * check-outs of the cohort's requests flagged as too far from the request (counted like escalations).
 */
public record FigureRow(String period, String from, String to, String unitId, Scope scope, TreeView view,
                        Map<String, Map<String, Long>> unitsByTierAndStatus, Coverage coverage, Volunteers volunteers,
                        Requests requests, Map<String, StageTimes> stages, TotalTime total, double slaCompliance,
                        long escalations, long escalatedRequests, long locationFlags, double completionRate,
                        Satisfaction satisfaction,
                        Hours hours, Activities activities, Pairings pairings) {

    /**
     * Communities declared by open units in scope, covered when an open station lists them; the registered grids of
     * those communities, covered with their community.
     */
    public record Coverage(long communities, long covered, long uncovered, Double rate, long grids,
                           long gridsCovered, long gridsUncovered, Double gridRate) {
    }

    public record Volunteers(long registered, long active, Map<String, Long> byStars, Map<String, Long> bySkill,
                             long teams) {
    }

    public record Requests(long submitted, Map<String, Long> byStatus, Map<String, Long> byPlatform,
                           Map<String, Long> byMenuItem, Map<String, Long> byChannel) {
    }

    /** Minutes from the previous stage to this one; {@code slaRate}: share within the stage's target. */
    public record StageTimes(long count, Double p50Minutes, Double p90Minutes, Double slaRate) {
    }

    public record TotalTime(long count, Double p50Minutes, Double p90Minutes) {
    }

    public record Satisfaction(long rated, Double averageRating, Double share4to5, Double reopenRate) {
    }

    public record Hours(double credit, double honour) {
    }

    public record Activities(long published, long held, long volunteersAttended, long residentsAttended) {
    }

    public record Pairings(long active, long healthy, Double health) {
    }
}
