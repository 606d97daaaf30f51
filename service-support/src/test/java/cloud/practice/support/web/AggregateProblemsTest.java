package cloud.practice.support.web;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Axon's aggregate failures answer like the resources they are about, and never show an internal id. */
class AggregateProblemsTest {

    private static final String INTERNAL_ID = "cq-yuzhong/pairing/pairing-1";

    final ProblemHandling handling = new ProblemHandling();

    @Test
    void shouldAnswer409NotA500WhenACreationLostTheRace() {
        AggregateStreamCreationException lost = new AggregateStreamCreationException(
                "Cannot reuse aggregate identifier [" + INTERNAL_ID + "] to create aggregate");
        for (ResponseEntity<Object> answer : java.util.List.of(handling.alreadyCreated(lost),
                handling.command(new CommandExecutionException("failed", lost)))) {
            assertThat(answer.getStatusCode().value()).isEqualTo(409);
            ProblemDetail problem = (ProblemDetail) answer.getBody();
            assertThat(problem.getType().toString()).endsWith("/already-exists");
            assertThat(String.valueOf(problem.getDetail()) + problem.getProperties()).doesNotContain(INTERNAL_ID);
        }
    }

    @Test
    void shouldAnswerAMissingAggregateWithoutItsInternalId() {
        ResponseEntity<Object> answer = handling.aggregateNotFound(new AggregateNotFoundException(INTERNAL_ID, "gone"));
        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType().toString()).endsWith("/not-found");
        assertThat(String.valueOf(problem.getDetail()) + problem.getProperties()).doesNotContain(INTERNAL_ID);
    }
}
