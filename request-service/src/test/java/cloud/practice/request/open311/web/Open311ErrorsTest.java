package cloud.practice.request.open311.web;

import cloud.practice.request.open311.format.Open311Writer;
import cloud.practice.support.domain.RuleViolation;
import cloud.practice.support.web.ApiException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A domain rule's refusal reaches an Open311 client exactly as the same refusal as an ApiException did. */
class Open311ErrorsTest {

    private final Open311Errors errors = new Open311Errors(new Open311Writer(new ObjectMapper()));
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/open311/v2/requests.json");

    @Test
    void shouldAnswerARuleViolationAsTheApiExceptionWithItsCodeWasAnswered() {
        Map<RuleViolation, ApiException> pairs = Map.of(
                RuleViolation.invalid("answers.hospital", "'hospital' is required"),
                ApiException.badRequest("answers.hospital", "'hospital' is required"),
                RuleViolation.conflict("illegal-transition", "Cannot cancel"),
                ApiException.conflict("illegal-transition", "Cannot cancel"),
                RuleViolation.refused("reopen-window-closed", "Too late"),
                ApiException.rule("reopen-window-closed", "Too late"),
                RuleViolation.notFound("request", "req-1"), ApiException.notFound("request", "req-1"),
                new RuleViolation(RuleViolation.Kind.FORBIDDEN, "not-your-request", "Only the requester"),
                new ApiException(HttpStatus.FORBIDDEN, "not-your-request", "Only the requester"));
        pairs.forEach((rule, api) -> {
            ResponseEntity<String> expected = errors.api(api, request);
            assertThat(errors.rule(rule, request)).as(rule.code()).isEqualTo(expected);
            assertThat(errors.command(new CommandExecutionException("failed", rule), request)).as(rule.code())
                    .isEqualTo(expected);
        });
    }

    @Test
    void shouldNameAnAnswerAsTheAttributeAnOpen311ClientSent() {
        ResponseEntity<String> answer = errors.rule(RuleViolation.invalid("answers.hospital", "'hospital' is required"),
                request);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody()).contains("attribute[hospital]: 'hospital' is required");
        assertThat(errors.rule(RuleViolation.conflict("illegal-transition", "Cannot cancel"), request)
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(errors.rule(RuleViolation.notFound("request", "req-1"), request).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }
}
