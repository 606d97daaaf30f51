package cloud.practice.auth.notices.web;

import cloud.practice.auth.notices.NoticeSms;
import cloud.practice.support.web.ProblemHandling;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/**
 * A notice that was neither sent nor recorded, to be tried again: 429 {@code too-many-messages}, 503
 * {@code sms-unavailable} or {@code send-in-progress}, each with Retry-After.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NoticeProblems {

    @ExceptionHandler(NoticeSms.RetryLater.class)
    ResponseEntity<ProblemDetail> retryLater(NoticeSms.RetryLater e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(URI.create(ProblemHandling.TYPE_BASE + e.type()));
        problem.setTitle(e.status().getReasonPhrase());
        return ResponseEntity.status(e.status()).header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
