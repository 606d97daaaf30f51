package cloud.practice.reporting.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one period's figures are made of, before ratios and percentiles: counts, and the minutes of each stage as
 * measured. Tallies of disjoint scopes add up ({@link #plus}) — a city is the sum of its districts — and the figures
 * of a sum are computed exactly as a district's are ({@link #row}), so a city's p90 is the nearest rank of all its
 * requests' minutes, not a blend of its districts' p90s.
 *
 * @param stageMinutes minutes from the previous stage, one list per {@link ReportEngine#STAGES stage}
 * @param totalMinutes submission to completion of the requests ever completed
 */
public record FigureTally(Map<String, Map<String, Long>> unitsByTierAndStatus, long communities,
                          long communitiesCovered, long grids, long gridsCovered, long volunteersRegistered,
                          long volunteersActive, Map<String, Long> volunteersByStars,
                          Map<String, Long> volunteersBySkill, long teams, long submitted,
                          Map<String, Long> byStatus, Map<String, Long> byPlatform, Map<String, Long> byMenuItem,
                          Map<String, Long> byChannel, List<List<Double>> stageMinutes, List<Double> totalMinutes,
                          long withinEveryTarget, long escalations, long escalatedRequests, long locationFlags,
                          long rated, long ratingSum, long rated4to5, long reopened, long creditHalfHours,
                          long honourHalfHours, long activitiesPublished, long activitiesHeld,
                          long volunteersAttended, long residentsAttended, long pairingsActive,
                          long pairingsHealthy) {

    /** Nothing at all: every tier, status, platform, channel and star listed with zero (the sum's identity). */
    public static FigureTally empty() {
        Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
        ReportEngine.TIERS.forEach(tier -> byTier.put(tier, ReportEngine.zeros(ReportEngine.UNIT_STATUSES)));
        Map<String, Long> byStars = new LinkedHashMap<>();
        for (int star = 0; star <= ReportEngine.MAX_STARS; star++) {
            byStars.put(Integer.toString(star), 0L);
        }
        List<List<Double>> stages = new ArrayList<>();
        ReportEngine.STAGES.forEach(stage -> stages.add(List.of()));
        return new FigureTally(byTier, 0, 0, 0, 0, 0, 0, byStars, ReportEngine.zeros(ReportEngine.platforms()), 0, 0,
                ReportEngine.zeros(ReportEngine.REQUEST_STATUSES), ReportEngine.zeros(ReportEngine.platforms()),
                new TreeMap<>(), ReportEngine.zeros(ReportEngine.channels()), stages, List.of(), 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** This tally and another of a disjoint scope (another district), as one. */
    public FigureTally plus(FigureTally other) {
        Map<String, Map<String, Long>> byTier = new LinkedHashMap<>();
        unitsByTierAndStatus.forEach((tier, statuses) -> byTier.put(tier, sum(statuses,
                other.unitsByTierAndStatus.getOrDefault(tier, Map.of()))));
        other.unitsByTierAndStatus.forEach((tier, statuses) -> byTier.putIfAbsent(tier, new LinkedHashMap<>(statuses)));
        List<List<Double>> stages = new ArrayList<>();
        for (int i = 0; i < stageMinutes.size(); i++) {
            stages.add(concat(stageMinutes.get(i), other.stageMinutes.get(i)));
        }
        return new FigureTally(byTier, communities + other.communities,
                communitiesCovered + other.communitiesCovered, grids + other.grids, gridsCovered + other.gridsCovered,
                volunteersRegistered + other.volunteersRegistered, volunteersActive + other.volunteersActive,
                sum(volunteersByStars, other.volunteersByStars), sum(volunteersBySkill, other.volunteersBySkill),
                teams + other.teams, submitted + other.submitted, sum(byStatus, other.byStatus),
                sum(byPlatform, other.byPlatform), new TreeMap<>(sum(byMenuItem, other.byMenuItem)),
                sum(byChannel, other.byChannel), stages, concat(totalMinutes, other.totalMinutes),
                withinEveryTarget + other.withinEveryTarget, escalations + other.escalations,
                escalatedRequests + other.escalatedRequests, locationFlags + other.locationFlags, rated + other.rated,
                ratingSum + other.ratingSum, rated4to5 + other.rated4to5, reopened + other.reopened,
                creditHalfHours + other.creditHalfHours, honourHalfHours + other.honourHalfHours,
                activitiesPublished + other.activitiesPublished, activitiesHeld + other.activitiesHeld,
                volunteersAttended + other.volunteersAttended, residentsAttended + other.residentsAttended,
                pairingsActive + other.pairingsActive, pairingsHealthy + other.pairingsHealthy);
    }

    /** The figures of this tally for the period: ratios of its counts, nearest-rank percentiles of its minutes. */
    public FigureRow row(Period period, String unitId, Scope scope, TreeView view, List<Duration> targets) {
        Map<String, FigureRow.StageTimes> stages = new LinkedHashMap<>();
        for (int i = 0; i < ReportEngine.STAGES.size(); i++) {
            List<Double> minutes = stageMinutes.get(i).stream().sorted().toList();
            long targetMinutes = targets.get(i).toMinutes();
            long within = minutes.stream().filter(m -> m <= targetMinutes).count();
            stages.put(ReportEngine.STAGES.get(i), new FigureRow.StageTimes(minutes.size(),
                    ReportEngine.percentile(minutes, 0.5), ReportEngine.percentile(minutes, 0.9),
                    ReportEngine.ratio(within, minutes.size())));
        }
        List<Double> totals = totalMinutes.stream().sorted().toList();
        long everCompleted = totals.size();
        return new FigureRow(period.label(), period.first().toString(), period.last().toString(), unitId, scope, view,
                unitsByTierAndStatus,
                new FigureRow.Coverage(communities, communitiesCovered, communities - communitiesCovered,
                        ReportEngine.ratio(communitiesCovered, communities), grids, gridsCovered, grids - gridsCovered,
                        ReportEngine.ratio(gridsCovered, grids)),
                new FigureRow.Volunteers(volunteersRegistered, volunteersActive, volunteersByStars, volunteersBySkill,
                        teams),
                new FigureRow.Requests(submitted, byStatus, byPlatform, byMenuItem, byChannel), stages,
                new FigureRow.TotalTime(everCompleted, ReportEngine.percentile(totals, 0.5),
                        ReportEngine.percentile(totals, 0.9)),
                ratioOrZero(withinEveryTarget, everCompleted), escalations, escalatedRequests, locationFlags,
                ratioOrZero(byStatus.getOrDefault("COMPLETED", 0L), submitted),
                new FigureRow.Satisfaction(rated, rated == 0 ? null : ReportEngine.round((double) ratingSum / rated),
                        ReportEngine.ratio(rated4to5, rated), ReportEngine.ratio(reopened, everCompleted)),
                new FigureRow.Hours(creditHalfHours / 2.0, honourHalfHours / 2.0),
                new FigureRow.Activities(activitiesPublished, activitiesHeld, volunteersAttended, residentsAttended),
                new FigureRow.Pairings(pairingsActive, pairingsHealthy,
                        ReportEngine.ratio(pairingsHealthy, pairingsActive)));
    }

    private static double ratioOrZero(long part, long whole) {
        return whole == 0 ? 0 : ReportEngine.round((double) part / whole);
    }

    private static Map<String, Long> sum(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> sum = new LinkedHashMap<>(a);
        b.forEach((key, value) -> sum.merge(key, value, Long::sum));
        return sum;
    }

    private static List<Double> concat(List<Double> a, List<Double> b) {
        List<Double> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return all;
    }
}
