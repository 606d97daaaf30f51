package cloud.practice.volunteer.matching.api;

import cloud.practice.events.GeoPoint;
import cloud.practice.events.ServicePlatform;
import cloud.practice.events.matching.Candidate;
import cloud.practice.volunteer.matching.index.Reach;

import java.time.Instant;
import java.util.List;

/** What matching is asked and what it answers, for the saga and the admin's preview alike. */
public final class MatchingQueries {

    private MatchingQueries() {
    }

    /**
     * A need to staff.
     *
     * @param menuItemId may choose the reach ({@code practice.matching.reach-by-item}); null for the default
     * @param location   where the service happens; without it the reach is the responsible unit's subtree
     * @param reach      null for the configured reach of the item
     * @param radiusKm   null for the configured radius
     * @param limit      null for the configured number per person needed
     */
    public record FindCandidatesQuery(String districtId, String menuItemId, ServicePlatform platform,
                                      int minimumSkillLevel, GeoPoint location, String responsibleUnitId,
                                      Instant windowFrom, Instant windowTo, int peopleNeeded, Reach reach,
                                      Double radiusKm, Integer limit) {
    }

    /**
     * The ranked candidates (best first) with their explained scores; what was widened to find them; teams that
     * could take the order as a whole when too few volunteers match; and why, when nobody does.
     */
    public record CandidatesView(List<Candidate> candidates, List<String> suggestedTeamIds, List<String> widened,
                                 Reach reach, double radiusKm, String reason) {
    }
}
