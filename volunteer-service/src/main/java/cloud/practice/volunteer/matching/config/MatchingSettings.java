package cloud.practice.volunteer.matching.config;

import cloud.practice.volunteer.matching.index.Reach;
import cloud.practice.volunteer.matching.index.ScoreWeights;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.Map;

/**
 * Matching's settings ({@code practice.matching.*}); the score is documented in ADR 0009.
 *
 * @param radiusKm            travel radius, and the scale of the distance score
 * @param maxRadiusKm         how far the radius may be widened (doubling) when too few match
 * @param reach               who may be asked by default: within the radius, or the responsible unit's subtree
 * @param reachByItem         menu item id &rarr; reach, where an item differs from the default
 * @param candidatesPerPerson candidates proposed per person needed ...
 * @param minCandidates       ... at least this many ...
 * @param maxCandidates       ... at most this many
 * @param weights             the score components' weights
 * @param loadWindow          how far back assignments and hours count as load (fairness)
 */
@ConfigurationProperties("practice.matching")
public record MatchingSettings(
        @DefaultValue("5") double radiusKm,
        @DefaultValue("20") double maxRadiusKm,
        @DefaultValue("RADIUS") Reach reach,
        @DefaultValue Map<String, Reach> reachByItem,
        @DefaultValue("3") int candidatesPerPerson,
        @DefaultValue("5") int minCandidates,
        @DefaultValue("20") int maxCandidates,
        @DefaultValue Weights weights,
        @DefaultValue("30d") Duration loadWindow) {

    public record Weights(@DefaultValue("0.35") double distance, @DefaultValue("0.25") double skill,
                          @DefaultValue("0.20") double fairness, @DefaultValue("0.10") double rating,
                          @DefaultValue("0.10") double team) {
    }

    public ScoreWeights scoreWeights() {
        ScoreWeights defaults = ScoreWeights.defaults();
        return new ScoreWeights(weights.distance(), weights.skill(), weights.fairness(), weights.rating(),
                weights.team(), loadWindow, defaults.assignmentsNorm(), defaults.hoursNorm(), defaults.ratingPrior(),
                defaults.ratingPriorWeight());
    }

    public Reach reachOf(String menuItemId) {
        return menuItemId == null ? reach : reachByItem.getOrDefault(menuItemId, reach);
    }

    /** How many candidates to propose for a need of {@code people}. */
    public int candidatesFor(int people) {
        return Math.max(minCandidates, Math.min(maxCandidates, Math.max(1, people) * candidatesPerPerson));
    }
}
