package cloud.practice.volunteer.matching.command;

import cloud.practice.events.matching.Candidate;
import cloud.practice.events.matching.MatchProposed;
import cloud.practice.events.matching.NoMatchFound;
import cloud.practice.volunteer.matching.api.MatchingCommands.AnswerMatchCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

/** One answer per request and attempt, one fixture test per rule. */
class MatchAnswerTest {

    static final Instant AT = Instant.parse("2026-06-01T02:00:00Z");
    static final List<Candidate> CANDIDATES = List.of(new Candidate("vol-a", 0.9, 1.2, 0.3, 0.2, 0.2, 0.1, 0.1));

    private FixtureConfiguration<MatchAnswer> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(MatchAnswer.class);
    }

    static AnswerMatchCommand answer(int attempt, List<Candidate> candidates) {
        return new AnswerMatchCommand("req-1", "cq", attempt, candidates, List.of("team-1"),
                candidates.isEmpty() ? "nobody" : null, AT);
    }

    @Test
    void shouldProposeTheCandidatesWhenTheAttemptIsNew() {
        fixture.givenNoPriorActivity()
                .when(answer(1, CANDIDATES))
                .expectSuccessfulHandlerExecution().expectResultMessagePayload(true)
                .expectEvents(new MatchProposed("req-1", "cq", 1, CANDIDATES, List.of("team-1"), AT));
    }

    @Test
    void shouldAnswerNoMatchWithTheReasonWhenThereAreNoCandidates() {
        fixture.givenNoPriorActivity()
                .when(answer(1, List.of()))
                .expectEvents(new NoMatchFound("req-1", "cq", 1, "nobody", List.of("team-1"), AT));
    }

    @Test
    void shouldAppendNothingWhenTheAttemptWasAnsweredBefore() {
        fixture.given(new MatchProposed("req-1", "cq", 1, CANDIDATES, List.of(), AT))
                .when(answer(1, List.of()))
                .expectResultMessagePayload(false).expectNoEvents();
    }

    @Test
    void shouldAnswerALaterAttemptOfTheSameRequest() {
        fixture.given(new NoMatchFound("req-1", "cq", 1, "nobody", List.of(), AT))
                .when(answer(2, CANDIDATES))
                .expectEvents(new MatchProposed("req-1", "cq", 2, CANDIDATES, List.of("team-1"), AT));
    }
}
