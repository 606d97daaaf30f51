package cloud.practice.volunteer.matching;

import cloud.practice.events.ServicePlatform;
import cloud.practice.events.matching.Candidate;
import cloud.practice.volunteer.matching.index.MatchingIndex;
import cloud.practice.volunteer.matching.index.ScoreWeights;
import cloud.practice.volunteer.matching.query.TeamBook;
import cloud.practice.volunteer.matching.query.TeamBook.TeamEntry;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static cloud.practice.volunteer.matching.MatchingIndexTest.DISTRICT;
import static cloud.practice.volunteer.matching.MatchingIndexTest.need;
import static cloud.practice.volunteer.matching.MatchingIndexTest.north;
import static cloud.practice.volunteer.matching.MatchingIndexTest.volunteer;
import static org.assertj.core.api.Assertions.assertThat;

/** Team membership for the team score, and the teams suggested when too few volunteers match. */
class TeamBookTest {

    final MatchingIndex index = new MatchingIndex(ScoreWeights.defaults(), MatchingIndexTest.ZONE);
    final TeamBook book = new TeamBook(index);

    static TeamEntry team(String id, String unit, int capacity, boolean active, long version, String... members) {
        return new TeamEntry(id, DISTRICT, unit, EnumSet.of(ServicePlatform.CARE), capacity,
                new LinkedHashSet<>(List.of(members)), active, version);
    }

    @Test
    void shouldSuggestActiveTeamsOfTheUnitsWithThePlatformAndRoomLargestFirst() {
        book.put(team("t-small", "s-pl", 5, true, 0, "a"));
        book.put(team("t-big", "s-pl", 5, true, 0, "a", "b", "c"));
        book.put(team("t-no-room", "s-pl", 1, true, 0, "a"));
        book.put(team("t-dissolved", "s-pl", 5, false, 0, "a", "b"));
        book.put(team("t-elsewhere", "s-yj", 5, true, 0, "a", "b"));
        book.put(team("t-empty", "s-pl", 5, true, 0));
        book.put(new TeamEntry("t-legal", DISTRICT, "s-pl", EnumSet.of(ServicePlatform.LEGAL), 5, Set.of("a"), true, 0));
        assertThat(book.suggest(DISTRICT, Set.of("i-jl", "s-pl"), ServicePlatform.CARE, 2, 5))
                .containsExactly("t-big", "t-small");
    }

    @Test
    void shouldGiveMembersTheTeamScoreUntilTheyLeaveOrTheTeamIsDissolved() {
        index.upsert(volunteer("a", north(1), 3));
        book.put(team("t1", "s-pl", 5, true, 1, "a"));
        assertThat(index.top(need())).extracting(Candidate::teamScore).containsExactly(0.10);
        book.put(team("t1", "s-pl", 5, true, 0)); // older: ignored
        assertThat(index.top(need())).extracting(Candidate::teamScore).containsExactly(0.10);
        book.put(team("t1", "s-pl", 5, false, 2, "a"));
        assertThat(index.top(need())).extracting(Candidate::teamScore).containsExactly(0.0);
    }
}
