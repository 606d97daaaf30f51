package cloud.practice.volunteer.matching.query;

import cloud.practice.events.ServicePlatform;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matching's copy of the teams: which units' teams each volunteer belongs to (the team score) and which teams could
 * take an order as a whole (suggested when too few volunteers match). Rebuilt at start, kept current from team
 * events; each team remembers the last sequence applied.
 */
@Component
public class TeamBook {

    /** One team as matching needs it. */
    public record TeamEntry(String teamId, String districtId, String unitId, Set<ServicePlatform> platforms,
                            int capacity, Set<String> members, boolean active, long version) {
    }

    private final MatchingIndex index;
    private final Map<String, TeamEntry> teams = new HashMap<>();
    private final Map<String, Set<String>> teamsOfVolunteer = new HashMap<>();

    public TeamBook(MatchingIndex index) {
        this.index = index;
    }

    /** Replaces the team when {@code team} is newer; re-derives the team units of everyone concerned. */
    public synchronized void put(TeamEntry team) {
        TeamEntry before = teams.get(team.teamId());
        if (before != null && before.version() >= team.version()) {
            return;
        }
        teams.put(team.teamId(), team);
        Set<String> concerned = new HashSet<>(team.members());
        if (before != null) {
            concerned.addAll(before.members());
            before.members().forEach(member -> teamsOfVolunteer.getOrDefault(member, new HashSet<>())
                    .remove(team.teamId()));
        }
        team.members().forEach(member -> teamsOfVolunteer.computeIfAbsent(member, m -> new HashSet<>())
                .add(team.teamId()));
        for (String volunteerId : concerned) {
            Set<String> units = new HashSet<>();
            for (String teamId : teamsOfVolunteer.getOrDefault(volunteerId, Set.of())) {
                TeamEntry member = teams.get(teamId);
                if (member != null && member.active()) {
                    units.add(member.unitId());
                }
            }
            index.teamUnits(team.districtId(), volunteerId, units);
        }
    }

    public synchronized TeamEntry team(String teamId) {
        return teams.get(teamId);
    }

    /** Volunteers added to the index after their teams were read get their team units here. */
    public synchronized void refreshVolunteers(Collection<String> volunteerIds, String districtId) {
        for (String volunteerId : volunteerIds) {
            Set<String> units = new HashSet<>();
            for (String teamId : teamsOfVolunteer.getOrDefault(volunteerId, Set.of())) {
                TeamEntry member = teams.get(teamId);
                if (member != null && member.active() && member.districtId().equals(districtId)) {
                    units.add(member.unitId());
                }
            }
            if (!units.isEmpty()) {
                index.teamUnits(districtId, volunteerId, units);
            }
        }
    }

    /**
     * Active teams of the units that serve the platform and have room for the people needed: the fullest match
     * first (most members), then by id.
     */
    public synchronized List<String> suggest(String districtId, Set<String> units, ServicePlatform platform,
                                             int peopleNeeded, int limit) {
        return teams.values().stream()
                .filter(team -> team.active() && team.districtId().equals(districtId)
                        && units.contains(team.unitId()) && team.platforms().contains(platform)
                        && team.capacity() >= peopleNeeded && !team.members().isEmpty())
                .sorted(Comparator.comparingInt((TeamEntry team) -> -team.members().size())
                        .thenComparing(TeamEntry::teamId))
                .limit(limit).map(TeamEntry::teamId).toList();
    }

    static Set<String> plus(Set<String> members, String volunteerId) {
        Set<String> more = new LinkedHashSet<>(members);
        more.add(volunteerId);
        return more;
    }

    static Set<String> minus(Set<String> members, String volunteerId) {
        Set<String> fewer = new LinkedHashSet<>(members);
        fewer.remove(volunteerId);
        return fewer;
    }
}
