package cloud.practice.request.evidence;

import cloud.practice.support.web.LargerBody;
import cloud.practice.support.web.ProblemHandling;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Lets a photo reach the upload endpoints. Every other request keeps service-support's body limit (1 MB by default,
 * {@code practice.web.max-request-bytes}); the upload paths get {@value #UPLOAD_BODY_BYTES} bytes, a 10 MB photo and
 * its multipart framing, so the controller itself answers a photo over 10 MB with 413 {@code file-too-large}. A body
 * beyond even that meets Spring's multipart limit (application.yml), answered with the same problem.
 */
@Configuration
public class EvidenceConfiguration {

    static final long UPLOAD_BODY_BYTES = 12L * 1024 * 1024;
    static final Pattern UPLOAD_PATH = Pattern.compile("/api/v1/(requests|activities)/[^/]+/evidence/?");

    /** Photo uploads carry up to 10 MB plus the multipart framing; every other body keeps the shared limit. */
    @Bean
    LargerBody photoUploads() {
        return new LargerBody(UPLOAD_PATH, UPLOAD_BODY_BYTES);
    }

    /**
     * Spring's own multipart limit answered as the controller answers a photo over 10 MB; a body that is no readable
     * multipart upload (no boundary, cut short) as a malformed body, not an unexpected failure.
     */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE)
    static class EvidenceUploadProblems {

        @ExceptionHandler(MaxUploadSizeExceededException.class)
        ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                    "The photo is larger than " + EvidenceImages.MAX_BYTES + " bytes (10 MB)");
            problem.setType(URI.create(ProblemHandling.TYPE_BASE + "file-too-large"));
            problem.setTitle(HttpStatus.PAYLOAD_TOO_LARGE.getReasonPhrase());
            problem.setProperty("field", "file");
            problem.setProperty("maxBytes", EvidenceImages.MAX_BYTES);
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }

        @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
        ResponseEntity<ProblemDetail> unreadable(org.springframework.web.multipart.MultipartException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The body is not a"
                    + " readable multipart/form-data upload (a boundary, and one part named 'file')");
            problem.setType(URI.create(ProblemHandling.TYPE_BASE + "malformed-body"));
            problem.setTitle(HttpStatus.BAD_REQUEST.getReasonPhrase());
            return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
    }
}
