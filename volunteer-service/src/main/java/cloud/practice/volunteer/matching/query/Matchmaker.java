package cloud.practice.volunteer.matching.query;

import cloud.practice.events.matching.Candidate;
import cloud.practice.support.tree.OrgUnitDirectory;
import cloud.practice.volunteer.matching.api.MatchingQueries.CandidatesView;
import cloud.practice.volunteer.matching.api.MatchingQueries.FindCandidatesQuery;
import cloud.practice.volunteer.matching.config.MatchingSettings;
import cloud.practice.volunteer.matching.index.MatchQuery;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.Reach;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a need into a ranked answer: asks the index, and when fewer volunteers match than people are needed, widens
 * step by step (double the radius up to its maximum, then the parent unit's subtree, one tier up) and suggests the
 * teams of those units that could take the order as a whole.
 */
@Service
public class Matchmaker {

    private static final int TEAM_SUGGESTIONS = 5;

    private final MatchingIndex index;
    private final TeamBook teams;
    private final OrgUnitDirectory units;
    private final MatchingSettings settings;
    private final Clock clock;

    public Matchmaker(MatchingIndex index, TeamBook teams, OrgUnitDirectory units, MatchingSettings settings,
                      Clock clock) {
        this.index = index;
        this.teams = teams;
        this.units = units;
        this.settings = settings;
        this.clock = clock;
    }

    public CandidatesView find(FindCandidatesQuery need) {
        Reach reach = need.reach() != null ? need.reach() : settings.reachOf(need.menuItemId());
        if (need.location() == null) {
            reach = Reach.SUBTREE; // no place to measure from: the unit's own volunteers
        }
        double radius = need.radiusKm() != null ? need.radiusKm() : settings.radiusKm();
        int people = Math.max(1, need.peopleNeeded());
        int limit = need.limit() != null ? need.limit() : settings.candidatesFor(people);
        Set<String> subtree = units.subtree(need.districtId(), need.responsibleUnitId());
        MatchQuery query = new MatchQuery(need.districtId(), need.platform(), need.minimumSkillLevel(),
                need.location(), reach, radius, reach == Reach.SUBTREE ? subtree : Set.of(), subtree,
                need.windowFrom(), need.windowTo(), clock.instant(), limit);
        List<Candidate> found = index.top(query);
        List<String> widened = new ArrayList<>();
        while (found.size() < people && query.reach() == Reach.RADIUS && query.radiusKm() < settings.maxRadiusKm()) {
            query = query.withRadius(Math.min(settings.maxRadiusKm(), query.radiusKm() * 2));
            widened.add(String.format(Locale.ROOT, "radius %.1f km", query.radiusKm()));
            found = index.top(query);
        }
        Set<String> teamUnits = subtree;
        if (found.size() < people) {
            String parent = units.unit(need.districtId(), need.responsibleUnitId()).map(u -> u.parentId())
                    .orElse(null);
            if (parent != null) {
                teamUnits = units.subtree(need.districtId(), parent);
                MatchQuery upOneTier = query.withSubtree(teamUnits);
                List<Candidate> wider = index.top(upOneTier);
                widened.add("parent unit " + parent);
                if (wider.size() > found.size()) {
                    found = wider;
                    query = upOneTier;
                }
            }
        }
        List<String> suggested = found.size() < people
                ? teams.suggest(need.districtId(), teamUnits, need.platform(), people, TEAM_SUGGESTIONS) : List.of();
        String reason = found.isEmpty() ? reason(need, reach, radius, widened, suggested) : null;
        return new CandidatesView(found, suggested, widened, query.reach(), query.radiusKm(), reason);
    }

    private static String reason(FindCandidatesQuery need, Reach reach, double radius, List<String> widened,
                                 List<String> suggested) {
        StringBuilder why = new StringBuilder("No active volunteer who consented to contact has ")
                .append(need.platform()).append(" at level ").append(need.minimumSkillLevel()).append(" or more");
        if (need.windowFrom() != null && need.windowTo() != null) {
            why.append(", is free from ").append(need.windowFrom()).append(" to ").append(need.windowTo());
        }
        why.append(reach == Reach.RADIUS ? String.format(Locale.ROOT, " and lives within %.1f km", radius)
                : " and belongs under unit " + need.responsibleUnitId());
        why.append(widened.isEmpty() ? "" : "; also tried: " + String.join(", ", widened));
        why.append(suggested.isEmpty() ? "; no team of these units can take it" : "; teams that could: "
                + String.join(", ", suggested));
        return why.toString();
    }
}
