package cloud.practice.auth.codes.web;

import cloud.practice.auth.codes.TooManyCodes;
import cloud.practice.auth.sms.SmsSender;
import cloud.practice.support.web.ProblemHandling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/** 429 {@code too-many-codes} with Retry-After; 503 {@code sms-failed} when the message did not go out. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CodeProblems {

    private static final Logger log = LoggerFactory.getLogger(CodeProblems.class);

    @ExceptionHandler(TooManyCodes.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyCodes e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-codes", e.getMessage()));
    }

    @ExceptionHandler(SmsSender.SmsFailure.class)
    ResponseEntity<ProblemDetail> smsFailed(SmsSender.SmsFailure e) {
        log.warn("a code could not be sent: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "sms-failed",
                        "The code could not be sent just now; nothing was sent, try again shortly"));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ProblemHandling.TYPE_BASE + type));
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }
}
