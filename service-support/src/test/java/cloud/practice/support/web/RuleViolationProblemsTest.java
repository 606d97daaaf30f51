package cloud.practice.support.web;

import cloud.practice.support.domain.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A domain rule's refusal answers exactly as the HTTP-typed exception it replaces did: the same status, type, detail
 * and properties — thrown directly or out of a command handler.
 */
class RuleViolationProblemsTest {

    final ProblemHandling handling = new ProblemHandling();

    @Test
    void shouldAnswerEveryKindAsTheApiExceptionItReplaces() {
        Map<RuleViolation, ApiException> pairs = Map.of(
                RuleViolation.invalid("name", "name is blank"), ApiException.badRequest("name", "name is blank"),
                RuleViolation.notFound("Unit", "s-1"), ApiException.notFound("Unit", "s-1"),
                RuleViolation.conflict("unit-exists", "Unit 's-1' already exists"),
                ApiException.conflict("unit-exists", "Unit 's-1' already exists"),
                RuleViolation.refused("station-under-station", "A station cannot hold a station"),
                ApiException.rule("station-under-station", "A station cannot hold a station"),
                new RuleViolation(RuleViolation.Kind.FORBIDDEN, "forbidden", "Not yours"),
                new ApiException(HttpStatus.FORBIDDEN, "forbidden", "Not yours"),
                new RuleViolation(RuleViolation.Kind.STALE, "version-mismatch", "Changed meanwhile"),
                new ApiException(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Changed meanwhile"),
                RuleViolation.refused("too-deep", "Too deep").with("limit", 6),
                new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "too-deep", "Too deep", Map.of("limit", 6)));
        pairs.forEach((rule, api) -> {
            ProblemDetail expected = (ProblemDetail) handling.api(api).getBody();
            for (ResponseEntity<Object> answer : List.of(handling.rule(rule),
                    handling.command(new CommandExecutionException("failed", rule)))) {
                assertThat(answer.getStatusCode()).as(rule.code()).isEqualTo(handling.api(api).getStatusCode());
                ProblemDetail problem = (ProblemDetail) answer.getBody();
                assertThat(problem.getType()).isEqualTo(expected.getType());
                assertThat(problem.getTitle()).isEqualTo(expected.getTitle());
                assertThat(problem.getDetail()).isEqualTo(expected.getDetail());
                assertThat(problem.getProperties()).as(rule.code()).isEqualTo(expected.getProperties());
            }
        });
    }

    @Test
    void shouldNameTheFieldAddedLater() {
        RuleViolation named = RuleViolation.refused("too-far", "Too far").with("field", "location");
        assertThat(named.field()).isEqualTo("location");
        assertThat(named.properties()).doesNotContainKey("field");
        assertThat(((ProblemDetail) handling.rule(named).getBody()).getProperties()).containsEntry("field", "location");
    }
}
