package cloud.practice.request.evidence;

import cloud.practice.support.web.ProblemHandling;
import cloud.practice.support.web.RequestSizeLimit;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
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

import java.io.IOException;
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

    /** service-support's single body-size filter stands aside for {@link #bodySizeLimits}, which keeps its limit. */
    @Bean
    static BeanPostProcessor sharedBodyLimitReplaced() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) throws BeansException {
                if (bean instanceof FilterRegistrationBean<?> registration
                        && registration.getFilter() instanceof RequestSizeLimit
                        && !(registration.getFilter() instanceof UploadAwareLimit)) {
                    registration.setEnabled(false);
                }
                return bean;
            }
        };
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> bodySizeLimits(
            @Value("${practice.web.max-request-bytes:1048576}") long maxBytes, ObjectMapper json) {
        FilterRegistrationBean<RequestSizeLimit> registration =
                new FilterRegistrationBean<>(new UploadAwareLimit(maxBytes, json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** The shared limit, except on the upload paths, which have their own. */
    static final class UploadAwareLimit extends RequestSizeLimit {

        private final RequestSizeLimit uploads;

        UploadAwareLimit(long maxBytes, ObjectMapper json) {
            super(maxBytes, json);
            this.uploads = new RequestSizeLimit(UPLOAD_BODY_BYTES, json);
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if ("POST".equals(request.getMethod())
                    && UPLOAD_PATH.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches()) {
                uploads.doFilter(request, response, chain);
            } else {
                super.doFilterInternal(request, response, chain);
            }
        }
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
